/**
 * `proxy-component wave --wit <path> [--interface NAME] <call>...`: check WAVE
 * calls against the parameter types of the functions they name, and print each
 * in canonical form with parameter names, or the error with its line:col.
 */
import { isProxyComponentError, ProxyComponentError } from '../../errors.js';
import type { CommandSpec } from '../command.js';
import { EXIT_FOUND_PROBLEM, EXIT_OK } from '../exit-code.js';
import { parseCall, printCall } from '../../wave/index.js';
import { selectWorld } from '../../wit/load.js';
import { interfaceScope, lookupFunction, worldScope, type FunctionScope } from '../../wit/lookup.js';
import { readWitSource, type WitSource } from '../../wit/source.js';
import type { WitInterface } from '../../wit/world.js';

interface WaveOptions {
  readonly wit: string;
  readonly interface?: string;
  readonly world?: string;
}

/** The outcome of checking one call: its canonical print, or the error. */
export type CallCheck = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: ProxyComponentError };

/** Parses and prints one call; WAVE errors become a failed check, other errors propagate. */
export function checkWaveCall(scope: FunctionScope, call: string): CallCheck {
  try {
    const parsed = parseCall(call, (name) => {
      const found = lookupFunction(scope, name);
      return found === undefined ? undefined : { params: found.params };
    });
    return { ok: true, text: printCall(parsed.name, parsed.params, parsed.args) };
  } catch (error) {
    if (isProxyComponentError(error) && error.code.startsWith('WAVE_')) return { ok: false, error };
    if (isProxyComponentError(error) && (error.code === 'WIT_UNSUPPORTED' || error.code === 'VALUE_TYPE')) return { ok: false, error };
    throw error;
  }
}

/** The scope the calls resolve in: one interface (`--interface`), or the selected world. */
export function scopeOf(source: WitSource, options: { interface?: string; world?: string }): FunctionScope {
  if (source.kind === 'component') {
    if (options.interface === undefined) return worldScope(source.world);
    const iface = [...source.world.exports.values(), ...source.world.imports.values()]
      .flatMap((item) => (item.kind === 'interface' ? [item.interface] : []))
      .find((candidate) => candidate.name === options.interface || candidate.id === options.interface);
    return interfaceScope(iface ?? missingInterface(options.interface, []));
  }
  const { document } = source;
  if (options.interface === undefined) return worldScope(selectWorld(document, options.world));
  const all = document.packages.flatMap((pkg) => [...pkg.interfaces.values()]);
  const iface =
    document.main.interfaces.get(options.interface) ?? all.find((candidate) => candidate.id === options.interface);
  return interfaceScope(iface ?? missingInterface(options.interface, all));
}

function missingInterface(name: string, known: readonly WitInterface[]): never {
  const list = known.map((iface) => iface.id).join(', ');
  throw new ProxyComponentError('USAGE', `no interface named ${name}${list === '' ? '' : ` (interfaces: ${list})`}`);
}

export const waveCommand: CommandSpec<WaveOptions> = {
  name: 'wave',
  summary: 'check WAVE function calls against WIT parameter types and print them in canonical form',
  help: [
    'Each call prints one line, in order: the canonical call `func(param: value, ...)`,',
    'or `error: <message> at <line>:<col>`.',
    '',
    'Examples:',
    "  proxy-component wave --wit ui.wit --interface ui 'basic-record({required: 1})' 'string(\"hi\")'",
    "  proxy-component wave --wit component.wasm 'held:kv/store.get@0.1.0(\"key\")'",
    '',
    'Exit codes: 0 all calls valid, 1 some call invalid, 2 bad usage or unreadable WIT.',
  ].join('\n'),
  arguments: [{ syntax: '<call...>', description: 'WAVE calls such as \'get("key")\' or \'ns:pkg/iface.f@1.0.0(1, [2])\'' }],
  options: [
    { flags: '--wit <path>', description: 'a .wit file, a WIT folder or a component whose functions the calls name' },
    { flags: '--interface <name>', description: 'resolve bare function names in this interface' },
    { flags: '--world <name>', description: 'the world to use when the WIT package has several' },
  ],
  async run([calls], options, io) {
    if (options.wit === undefined) throw new ProxyComponentError('USAGE', 'missing required option --wit <path>');
    const scope = scopeOf(await readWitSource(options.wit), options);
    let exitCode = EXIT_OK;
    for (const call of calls as string[]) {
      const check = checkWaveCall(scope, call);
      if (check.ok) {
        io.stdout(`${check.text}\n`);
      } else {
        io.stdout(`error: ${check.error.message}\n`);
        exitCode = EXIT_FOUND_PROBLEM;
      }
    }
    return exitCode;
  },
};

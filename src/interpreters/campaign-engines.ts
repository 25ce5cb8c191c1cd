/**
 * The engines of a campaign (or a replay of its corpus): each named engine
 * loaded with the interpreter component and tried on a probe program first,
 * so that an engine that cannot run the component at all (gjs cannot compile
 * these components) is reported as unavailable, with the reason in plain
 * words, instead of failing every program.
 */
import { outcomeText } from '../differential/compare.js';
import type { Engine, EngineOutcome, PlannedCall } from '../engines/engine.js';
import { missingWasmFeature } from '../engines/jco/wasm-features.js';
import { engineByName } from '../engines/registry.js';
import { ProxyComponentError } from '../errors.js';
import { decodeComponentWorld } from '../wit/binary/decode.js';
import { worldFunctions, type WorldFunction } from '../wit/world.js';
import { resultOf } from './compare-program.js';
import type { BuiltComponent } from './components.js';
import type { InterpreterLanguage } from './languages.js';
import { NATIVE_COMMAND_PREFIX, NATIVE_ENGINE, nativeCommandEngine } from './native-command-engine.js';
import { nativeInterpreterEngine } from './native-interpreter.js';
import type { CampaignEngine } from './report.js';
import { programCalls, type ProgramEngine } from './run-programs.js';

/** An engine by name: `native` (the language's interpreter), `native-command:<command>`, or the registry's. */
export async function interpreterEngine(name: string, language: InterpreterLanguage): Promise<Engine> {
  if (name === NATIVE_ENGINE) return nativeInterpreterEngine(language.native);
  if (name.startsWith(NATIVE_COMMAND_PREFIX)) return nativeCommandEngine(name.slice(NATIVE_COMMAND_PREFIX.length));
  return engineByName(name);
}

export interface ReadyEngine extends ProgramEngine {
  readonly version: string;
}

/**
 * Why an engine cannot run the component: its message's first line, which
 * says what the engine lacks when a compile error shows it (the subprocess
 * engines add that themselves; others get it here).
 */
export function unavailableReason(message: string): string {
  const firstLine = message.split('\n')[0] ?? message;
  const feature = missingWasmFeature(message);
  return feature === undefined || firstLine.includes(feature) ? firstLine : `${firstLine} (the component uses ${feature}, which this engine lacks)`;
}

/** The component's `run` export. */
export function runFunction(component: BuiltComponent): WorldFunction {
  const run = worldFunctions(decodeComponentWorld(component.bytes), 'export').find((fn) => fn.function.name === 'run');
  if (run === undefined) throw new ProxyComponentError('USAGE', `${component.path} exports no \`run\` function`);
  return run;
}

/** Why the probe shows an engine cannot run the language's programs, or undefined when it printed `1`. */
function probeFailure(failure: string | undefined, outcome: EngineOutcome | undefined, call: PlannedCall): string | undefined {
  if (failure !== undefined) return failure;
  if (outcome === undefined) return 'no report for the probe program';
  const result = resultOf(outcome);
  if (result?.ok === true && result.output === '1\n') return undefined;
  return `the probe program, which prints 1, ended with ${outcomeText(call, outcome)}`;
}

/** A program printing `1`: an engine that cannot run it, or prints something else, cannot run the language's programs. */
export function probeProgram(language: InterpreterLanguage): string {
  return language.print({ initial: {}, body: [{ kind: 'print', value: { kind: 'int', value: 1n } }] });
}

export async function prepareEngines(names: readonly string[], language: InterpreterLanguage, component: BuiltComponent, run: WorldFunction): Promise<{ ready: ReadyEngine[]; unavailable: CampaignEngine[] }> {
  const ready: ReadyEngine[] = [];
  const unavailable: CampaignEngine[] = [];
  const probe = programCalls(run, [probeProgram(language)]);
  for (const name of names) {
    const engine = await interpreterEngine(name, language);
    const status = await engine.status();
    if (!status.available) {
      unavailable.push({ name, version: 'not installed', unavailable: `${status.reason} (${status.install})` });
      continue;
    }
    try {
      const loaded = await engine.load({ bytes: component.bytes, path: component.path });
      // The first run of a big component compiles it (and jco transpiles it): a generous limit.
      const probeRun = await loaded.run(probe, { timeoutMs: 120_000 });
      const failure = probeFailure(probeRun.failure, probeRun.calls[0]?.outcome, probe[0] as PlannedCall);
      if (failure !== undefined) {
        unavailable.push({ name, version: status.version, unavailable: unavailableReason(failure) });
        continue;
      }
      ready.push({ label: name, loaded, version: status.version });
    } catch (error) {
      unavailable.push({ name, version: status.version, unavailable: unavailableReason(error instanceof Error ? error.message : String(error)) });
    }
  }
  return { ready, unavailable };
}

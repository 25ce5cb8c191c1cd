/**
 * `proxy-component generate stubs <component> -o host.ts`: typed host stubs for a component's imports.
 * `proxy-component generate types <component> -o app.d.ts`: its exports as `Value` types, for `componentTest`.
 */
import { ProxyComponentError } from '../../errors.js';
import { generateHostStubs } from '../../instrument/stubs.js';
import { exportTypesDeclaration } from '../../values/types-declaration.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { readWitSource } from '../../wit/source.js';
import { selectWorld } from '../../wit/load.js';
import type { CommandSpec } from '../command.js';
import { EXIT_OK } from '../exit-code.js';

interface GenerateOptions {
  readonly output?: string;
  readonly world?: string;
  readonly as?: string;
}

export const generateCommand: CommandSpec<GenerateOptions> = {
  name: 'generate',
  summary: 'generate code from a component: `stubs` writes a typed TypeScript host for its imports, `types` its exports as value types',
  help: [
    'The stubs module exports the jco imports object `record --host` takes (as `default` and `imports`),',
    'with one typed function or resource class per import, each throwing "not implemented: <name>"',
    'until filled in.',
    '',
    "`types` writes a declaration file of the component's exports as proxy-component values, registered",
    "under the component's path as given (or --as): with it in the TypeScript program,",
    "componentTest('<that path>') types its arbitraries and calls (`x + y` needs no cast).",
    '',
    'Examples:',
    '  proxy-component generate stubs app.wasm -o host.ts',
    "  proxy-component record app.wasm --host host.ts --invoke 'run(1)'",
    '  proxy-component generate types build/app.wasm -o test/app.d.ts',
    '',
    'Exit codes: 0 written, 2 bad input.',
  ].join('\n'),
  arguments: [
    { syntax: '<what>', description: 'what to generate: stubs or types' },
    { syntax: '<component>', description: 'the component (.wasm), or a .wit file or folder' },
  ],
  options: [
    { flags: '-o, --output <file>', description: 'where to write (default: stdout)' },
    { flags: '--world <name>', description: 'the world, when a WIT package has several' },
    { flags: '--as <path>', description: 'the component path the types are registered under (default: the path given), as tests pass it to componentTest' },
  ],
  async run([what, path], options, io) {
    if (what !== 'stubs' && what !== 'types') throw new ProxyComponentError('USAGE', `cannot generate \`${String(what)}\`: the kinds are \`stubs\` and \`types\``);
    const source = await readWitSource(path as string);
    const world = source.kind === 'component' ? source.world : selectWorld(source.document, options.world);
    if (what === 'types' && source.kind !== 'component' && options.as === undefined) {
      throw new ProxyComponentError('USAGE', `generate types from ${String(path)} (WIT, not a component): give --as <component path>, the path tests pass to componentTest`);
    }
    const registeredAs = options.as ?? String(path);
    // The stubs stay a module of their own (they compile without proxy-component installed); the types are a declaration file.
    const text = what === 'types' ? exportTypesDeclaration(world, registeredAs) : generateHostStubs(world, String(path));
    if (options.output === undefined) io.stdout(text);
    else await writeFileAtomic(options.output, text);
    return EXIT_OK;
  },
};

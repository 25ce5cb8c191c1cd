/** `proxy-component generate stubs <component> -o host.ts`: typed host stubs for a component's imports. */
import { ProxyComponentError } from '../../errors.js';
import { generateHostStubs } from '../../instrument/stubs.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { readWitSource } from '../../wit/source.js';
import { selectWorld } from '../../wit/load.js';
import type { CommandSpec } from '../command.js';
import { EXIT_OK } from '../exit-code.js';

interface GenerateOptions {
  readonly output?: string;
  readonly world?: string;
}

export const generateCommand: CommandSpec<GenerateOptions> = {
  name: 'generate',
  summary: 'generate code from a component: `stubs` writes a typed TypeScript host for its imports',
  help: [
    'The stubs module exports the jco imports object `record --host` takes (as `default` and `imports`),',
    'with one typed function or resource class per import, each throwing "not implemented: <name>"',
    'until filled in.',
    '',
    'Example:',
    '  proxy-component generate stubs app.wasm -o host.ts',
    "  proxy-component record app.wasm --host host.ts --invoke 'run(1)'",
    '',
    'Exit codes: 0 written, 2 bad input.',
  ].join('\n'),
  arguments: [
    { syntax: '<what>', description: 'what to generate: stubs' },
    { syntax: '<component>', description: 'the component (.wasm), or a .wit file or folder' },
  ],
  options: [
    { flags: '-o, --output <file>', description: 'where to write (default: stdout)' },
    { flags: '--world <name>', description: 'the world, when a WIT package has several' },
  ],
  async run([what, path], options, io) {
    if (what !== 'stubs') throw new ProxyComponentError('USAGE', `cannot generate \`${String(what)}\`: the only kind is \`stubs\``);
    const source = await readWitSource(path as string);
    const world = source.kind === 'component' ? source.world : selectWorld(source.document, options.world);
    const text = generateHostStubs(world, String(path));
    if (options.output === undefined) io.stdout(text);
    else await writeFileAtomic(options.output, text);
    return EXIT_OK;
  },
};

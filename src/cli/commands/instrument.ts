/** `proxy-component instrument -m record|replay|fuzz|dialog <component> -o composed.wasm` */
import { dirname, relative, resolve } from 'node:path';
import { ProxyComponentError } from '../../errors.js';
import { instrumentComponent } from '../../instrument/instrument.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { readComponentFile } from '../../util/component-file.js';
import type { CommandSpec } from '../command.js';
import { integerOption } from '../option-values.js';
import { EXIT_OK } from '../exit-code.js';

interface InstrumentCliOptions {
  readonly mode: 'record' | 'replay' | 'fuzz' | 'dialog';
  readonly output: string;
  readonly passthrough?: string[];
  readonly useHostRecorder?: boolean;
  readonly format: 'trace' | 'seed';
  readonly seed?: string;
  readonly runs?: string;
}

export const instrumentCommand: CommandSpec<InstrumentCliOptions> = {
  name: 'instrument',
  summary: 'compose a component with a generated virtualizer so that it records, replays or fuzzes itself in any component host, or is driven by hand',
  help: [
    'record: the composed component has the original\'s exports and imports; it calls the real',
    '        host and writes the trace (.trace format, or --format seed) to stdout.',
    'replay: imports only WASI stdio (and --passthrough interfaces); exports `start`, which reads a',
    '        trace (ours or the original tool\'s) from stdin, replays it, and traps at a divergence.',
    'fuzz:   exports `start`, which makes --runs export calls with arguments and import results',
    '        drawn from --seed, writing what happens as a trace to stdout.',
    'dialog: exports `start`, which asks the host, through proxy-component:dialog/prompt@0.1.0, which',
    '        export to call with what arguments and what each import call returns (typed requests);',
    '        `proxy-component run composed.wasm --invoke \'start()\'` is such a host, with the prompts',
    '        of `dialog`, and --save writes the session as a trace.',
    'Every import is virtualized, WASI included, resources too (handles are #N in the trace, as',
    '`record` numbers them). --passthrough leaves an import to the host, with every import that',
    'shares its resources (a note says which). Async functions cannot be carried.',
    '',
    'Examples:',
    '  proxy-component instrument -m record app.wasm -o record.wasm',
    "  wasmtime run --invoke 'run(5)' record.wasm > app.trace",
    '  proxy-component instrument -m replay app.wasm -o replay.wasm',
    "  wasmtime run --invoke 'start()' replay.wasm < app.trace",
    '  proxy-component instrument -m dialog app.wasm -o dialog.wasm',
    "  proxy-component run dialog.wasm --invoke 'start()' --save session.trace",
    '',
    'Exit codes: 0 written, 2 bad input or a world the virtualizer cannot carry.',
  ].join('\n'),
  arguments: [{ syntax: '<component>', description: 'the component (.wasm) to instrument' }],
  options: [
    { flags: '-m, --mode <mode>', description: 'what the composed component does', choices: ['record', 'replay', 'fuzz', 'dialog'] },
    { flags: '-o, --output <file>', description: 'the composed component to write', defaultValue: 'composed.wasm' },
    { flags: '--passthrough <import...>', description: 'imports left to the real host: interfaces (by id, id without version, or name) or world-level functions (by name)' },
    { flags: '--use-host-recorder', description: 'record or replay through the host\'s proxy:recorder@0.1.0 interfaces instead of stdio' },
    { flags: '--format <format>', description: 'trace format written by record and fuzz', defaultValue: 'trace', choices: ['trace', 'seed'] },
    { flags: '--seed <n>', description: 'fuzz: the seed, from 0 to 4294967295 (default 0)' },
    { flags: '--runs <n>', description: 'fuzz: how many export calls to make (default 100)' },
  ],
  async run([component], options, io) {
    if (options.mode === undefined) throw new ProxyComponentError('USAGE', 'say what to instrument for: -m record, -m replay, -m fuzz or -m dialog');
    // Options first: a bad --seed is refused before the component is read or composed.
    const fuzz = {
      seed: options.seed === undefined ? 0 : integerOption(options.seed, '--seed', 0, 2 ** 32 - 1),
      runs: options.runs === undefined ? 100 : integerOption(options.runs, '--runs', 0),
    };
    const result = await instrumentComponent(await readComponentFile(component as string), {
      mode: options.mode,
      passthrough: options.passthrough ?? [],
      useHostRecorder: options.useHostRecorder === true,
      format: options.format,
      fuzz,
      // Where the app is as seen from the composed file's folder: run writes it into the headers of the traces it saves.
      appPath: relative(dirname(resolve(options.output)), resolve(component as string)),
    });
    await writeFileAtomic(options.output, result.component);
    for (const note of result.notes) io.stderr(`note: ${note}\n`);
    io.stderr(`wrote ${options.output} (${options.mode}${result.cached ? ', from the cache' : ''})\n`);
    return EXIT_OK;
  },
};

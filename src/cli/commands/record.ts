/** `proxy-component record <component> --host <module> --invoke '<call>'... -o out.trace` */
import { ProxyComponentError } from '../../errors.js';
import { recordComponent, type TraceFormat } from '../../session/record-component.js';
import { formatExportCall } from '../../trace/write.js';
import type { CommandSpec } from '../command.js';
import { pairsOption } from '../option-values.js';
import { EXIT_OK } from '../exit-code.js';

interface RecordOptions {
  readonly host?: string;
  readonly invoke?: string[];
  readonly output?: string;
  readonly format: TraceFormat;
  readonly env?: string[];
  readonly dir?: string[];
  readonly allowNetwork?: boolean;
}

export const recordCommand: CommandSpec<RecordOptions> = {
  name: 'record',
  summary: 'run a component with a real host and record every export and import call to a trace',
  help: [
    'The host module exports a jco imports object (as `default` or `imports`): one object per',
    "imported interface, keyed by its name without version ('example:kv/store'), holding",
    'functions and resource classes. WASI imports come from a sandboxed shim: no files, network',
    'or environment unless granted with --dir, --allow-network and --env.',
    '',
    'Example:',
    "  proxy-component record app.wasm --host host.js --invoke 'count-words(\"doc\")' -o app.trace",
    '',
    'Exit codes: 0 recorded (traps are recorded too), 2 bad input.',
  ].join('\n'),
  arguments: [{ syntax: '<component>', description: 'the component (.wasm) to run' }],
  options: [
    { flags: '--host <module>', description: 'JS or TypeScript module (.js, .mjs, .ts, .mts) exporting the jco imports object that implements the imports' },
    { flags: '--invoke <call...>', description: "WAVE calls of exports, made in order, e.g. 'run(1, \"a\")'" },
    { flags: '-o, --output <file>', description: 'the trace file to write (atomically, after every call)' },
    { flags: '--format <format>', description: 'trace format: ours, or the original tool\'s JSONL', defaultValue: 'trace', choices: ['trace', 'seed'] },
    { flags: '--env <NAME=VALUE...>', description: 'environment variables the component may see' },
    { flags: '--dir <GUEST=HOST...>', description: 'directories the component may open' },
    { flags: '--allow-network', description: 'let the component use sockets and HTTP' },
  ],
  async run([component], options, io) {
    if (options.invoke === undefined || options.invoke.length === 0) {
      throw new ProxyComponentError('USAGE', "nothing to record: give at least one --invoke '<call>'");
    }
    await recordComponent(component as string, {
      invocations: options.invoke,
      format: options.format,
      ...(options.host === undefined ? {} : { host: options.host }),
      ...(options.output === undefined ? {} : { output: options.output }),
      wasi: { env: pairsOption(options.env, '--env'), dirs: pairsOption(options.dir, '--dir'), network: options.allowNetwork === true },
      onCall: (call) => io.stdout(`${formatExportCall(call)}\n`),
    });
    if (options.output !== undefined) io.stderr(`wrote ${options.output}\n`);
    return EXIT_OK;
  },
};

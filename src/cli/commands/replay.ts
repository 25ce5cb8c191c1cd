/** `proxy-component replay <component> <trace>...` */
import { isProxyComponentError } from '../../errors.js';
import { renderDivergence } from '../../divergence/render.js';
import { replayTraceFile } from '../../session/replay-file.js';
import { DEFAULT_CALL_TIMEOUT_MS } from '../../engines/jco/worker/replay-worker.js';
import type { CommandSpec } from '../command.js';
import { integerOption } from '../option-values.js';
import { EXIT_BAD_INPUT, EXIT_FOUND_PROBLEM, EXIT_OK } from '../exit-code.js';

interface ReplayOptions {
  readonly timeout: string;
  readonly passthrough?: string[];
  readonly host?: string;
}

export const replayCommand: CommandSpec<ReplayOptions> = {
  name: 'replay',
  summary: 'replay traces against a component with no host: imports answered from the trace, every value checked',
  help: [
    'Traces may be in our .trace format or the original proxy-component JSONL format (detected).',
    '',
    'Examples:',
    '  proxy-component replay app.wasm traces/*.trace',
    '  proxy-component replay rebuilt.wasm app.trace --timeout 2000',
    '',
    'Exit codes: 0 every trace matched, 1 a divergence (report printed), 2 bad input.',
  ].join('\n'),
  arguments: [
    { syntax: '<component>', description: 'the component (.wasm) to replay against' },
    { syntax: '<trace...>', description: 'trace files' },
  ],
  options: [
    { flags: '--timeout <ms>', description: 'longest an export call may run before it is stopped', defaultValue: String(DEFAULT_CALL_TIMEOUT_MS) },
    { flags: '--passthrough <interface...>', description: 'interfaces whose imports go to --host instead of the trace (wasi: ones to the sandboxed WASI unless --host has them); a trace also names those its recording left to the host' },
    { flags: '--host <module>', description: 'JS or TypeScript module exporting the jco imports for pass-through interfaces' },
  ],
  async run([component, traces], options, io) {
    const timeoutMs = integerOption(options.timeout, '--timeout', 1);
    let exitCode = EXIT_OK;
    for (const file of traces as string[]) {
      try {
        const result = await replayTraceFile(file, {
          component: component as string,
          timeoutMs,
          ...(options.passthrough === undefined ? {} : { passthrough: options.passthrough }),
          ...(options.host === undefined ? {} : { hostModule: options.host }),
        });
        if (result.divergence === undefined) {
          io.stdout(`✓ ${file}: ${result.matched} call${result.matched === 1 ? '' : 's'} matched\n`);
        } else {
          io.stdout(`${renderDivergence(result.divergence)}\n`);
          exitCode = Math.max(exitCode, EXIT_FOUND_PROBLEM);
        }
      } catch (error) {
        if (!isProxyComponentError(error)) throw error;
        io.stderr(`error: ${error.message}\n`);
        exitCode = EXIT_BAD_INPUT;
      }
    }
    return exitCode;
  },
};

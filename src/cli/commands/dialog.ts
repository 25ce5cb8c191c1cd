/** `proxy-component dialog <component> [--host <module>] [--save <trace>] [--trace <trace>]` */
import { ProxyComponentError } from '../../errors.js';
import { runDialog } from '../../dialog/dialog.js';
import { inquirerPrompter } from '../../dialog/prompter.js';
import type { CommandSpec } from '../command.js';
import { EXIT_INTERRUPTED, EXIT_OK } from '../exit-code.js';
import { type GrantOptionValues, grantOptions, grantsOption } from '../option-values.js';

interface DialogCommandOptions extends GrantOptionValues {
  readonly host?: string;
  readonly save?: string;
  readonly trace?: string;
}

export const dialogCommand: CommandSpec<DialogCommandOptions> = {
  name: 'dialog',
  summary: 'drive a component by hand: pick exports, type their arguments, answer its import calls; the session is a trace',
  help: [
    'Each value is asked with a prompt for its WIT type: a select for bool, enum, variant, option and',
    'result cases and for resource handles (those the session made, by name), a multi-select for flags,',
    'field by field for records, element by element for lists and tuples, a checked line for numbers,',
    'strings and chars. WAVE is accepted anywhere (the `type WAVE` choice, or any line), checked against',
    'the type, with the column of an error.',
    '',
    'Imports the --host module implements are answered by it (WASI by a sandboxed shim, as in record);',
    'the dialog asks for the others. --save writes the session as a trace after every export call',
    '(atomically: Ctrl-C leaves the calls that completed), to replay as a test. --trace replays a',
    'trace first and asks only where the component leaves it: a trace repaired or extended by hand',
    '(with --save over the same file, the file is rewritten once its calls are replayed).',
    '',
    'Examples:',
    '  proxy-component dialog app.wasm --save session.trace',
    '  proxy-component replay app.wasm session.trace',
    '  proxy-component dialog rebuilt.wasm --trace session.trace --save session.trace',
    '',
    'Exit codes: 0 the session ended, 130 interrupted (Ctrl-C; the saved trace is valid), 2 bad input.',
  ].join('\n'),
  arguments: [{ syntax: '<component>', description: 'the component (.wasm) to drive' }],
  options: [
    { flags: '--host <module>', description: 'JS or TypeScript module exporting the jco imports object that answers the imports it implements' },
    { flags: '--save <trace>', description: 'write the session to this trace file, atomically, after every export call' },
    { flags: '--trace <trace>', description: 'replay this trace first, asking only where the component leaves it' },
    ...grantOptions('component'),
  ],
  async run([component], options, io) {
    if (io.terminal === undefined) {
      throw new ProxyComponentError('USAGE', 'dialog asks questions: run it in a terminal (to make calls without one, use `record --invoke`)');
    }
    const summary = await runDialog({
      component: component as string,
      ...(options.host === undefined ? {} : { hostModule: options.host }),
      ...(options.save === undefined ? {} : { save: options.save }),
      ...(options.trace === undefined ? {} : { trace: options.trace }),
      wasi: grantsOption(options),
      prompter: inquirerPrompter(io.terminal),
      print: (line) => io.stdout(`${line}\n`),
    });
    const calls = `${summary.calls} export call${summary.calls === 1 ? '' : 's'}`;
    const where = summary.saved === undefined ? '' : ` in ${summary.saved}`;
    if (summary.interrupted) {
      io.stderr(`interrupted: ${summary.saved === undefined ? `the session made ${calls} (nothing saved: no --save)` : `${summary.saved} keeps the ${calls} that completed`}\n`);
      return EXIT_INTERRUPTED;
    }
    io.stderr(`session ended: ${calls}${where}\n`);
    return EXIT_OK;
  },
};

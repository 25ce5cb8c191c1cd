/**
 * The `proxy-component` command line: one table of commands, parsed by commander.
 * Every command is an async function returning its exit code; errors that escape
 * become one line on stderr and exit code 2 (see exit-code.ts).
 */
import { Command, CommanderError, Option } from 'commander';
import type { CommandSpec } from './command.js';
import { describeFailure, EXIT_BAD_INPUT } from './exit-code.js';
import type { CliIO } from './io.js';
import { campaignCommand } from './commands/campaign.js';
import { dialogCommand } from './commands/dialog.js';
import { diffCommand } from './commands/diff.js';
import { enginesCommand } from './commands/engines.js';
import { fuzzCommand } from './commands/fuzz.js';
import { generateCommand } from './commands/generate.js';
import { instrumentCommand } from './commands/instrument.js';
import { interpretersCommand } from './commands/interpreters.js';
import { recordCommand } from './commands/record.js';
import { replayCommand } from './commands/replay.js';
import { runCommand } from './commands/run.js';
import { serveCommand } from './commands/serve.js';
import { waveCommand } from './commands/wave.js';
import { witCommand } from './commands/wit.js';
import { TOOL_VERSION } from '../version.js';

// Each spec has its own options type; the table only needs their common shape.
export const COMMANDS: readonly CommandSpec<never>[] = [
  recordCommand,
  serveCommand,
  replayCommand,
  dialogCommand,
  fuzzCommand,
  diffCommand,
  enginesCommand,
  instrumentCommand,
  runCommand,
  interpretersCommand,
  campaignCommand,
  generateCommand,
  witCommand,
  waveCommand,
];

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  let exitCode = 0;
  const program = new Command('proxy-component')
    .description('Record, replay, fuzz and differentially test WebAssembly components at their WIT boundary.')
    .version(TOOL_VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();
  for (const spec of COMMANDS) {
    const command = program.command(spec.name).description(spec.summary).exitOverride();
    for (const argument of spec.arguments) command.argument(argument.syntax, argument.description);
    for (const optionSpec of spec.options) {
      const option = new Option(optionSpec.flags, optionSpec.description);
      if (optionSpec.defaultValue !== undefined) option.default(optionSpec.defaultValue);
      if (optionSpec.choices !== undefined) option.choices(optionSpec.choices);
      command.addOption(option);
    }
    if (spec.help !== undefined) command.addHelpText('after', `\n${spec.help}`);
    command.action(async (...params: unknown[]) => {
      // commander passes the declared arguments, then the options object, then the command.
      const args = params.slice(0, spec.arguments.length) as (string | string[])[];
      const options = params[spec.arguments.length] as never;
      exitCode = await spec.run(args, options, io);
    });
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end with exit code 0; usage errors were already printed.
      return error.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
    }
    const failure = describeFailure(error);
    io.stderr(`${failure.message}\n`);
    io.failure?.(failure);
    return failure.exitCode;
  }
}

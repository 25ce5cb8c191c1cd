/**
 * The `proxy-component` command line: one table of commands, parsed by commander.
 * Every command is an async function returning its exit code; errors that escape
 * become one line on stderr and exit code 2 (see exit-code.ts).
 */
import { Command, CommanderError, Option } from 'commander';
import type { CommandSpec } from './command.js';
import { describeFailure, EXIT_BAD_INPUT } from './exit-code.js';
import type { CliIO } from './io.js';
import { TOOL_VERSION } from '../version.js';

/**
 * Each command's module, loaded only when it runs (or when the top-level help
 * lists them all): loading every command's dependencies (jco, execa, the
 * prompt library, fast-check...) took most of a short command's time.
 * Each spec has its own options type; the table only needs their common shape.
 */
const COMMAND_MODULES: Readonly<Record<string, () => Promise<CommandSpec<never>>>> = {
  record: async () => (await import('./commands/record.js')).recordCommand,
  serve: async () => (await import('./commands/serve.js')).serveCommand,
  replay: async () => (await import('./commands/replay.js')).replayCommand,
  dialog: async () => (await import('./commands/dialog.js')).dialogCommand,
  fuzz: async () => (await import('./commands/fuzz.js')).fuzzCommand,
  diff: async () => (await import('./commands/diff.js')).diffCommand,
  engines: async () => (await import('./commands/engines.js')).enginesCommand,
  instrument: async () => (await import('./commands/instrument.js')).instrumentCommand,
  run: async () => (await import('./commands/run.js')).runCommand,
  interpreters: async () => (await import('./commands/interpreters.js')).interpretersCommand,
  campaign: async () => (await import('./commands/campaign.js')).campaignCommand,
  generate: async () => (await import('./commands/generate.js')).generateCommand,
  wit: async () => (await import('./commands/wit.js')).witCommand,
  wave: async () => (await import('./commands/wave.js')).waveCommand,
};

/** The commands `argv` can run: the one it names, or all of them (help, or a name to suggest a near one for). */
async function commandsFor(argv: readonly string[]): Promise<CommandSpec<never>[]> {
  // No top-level option takes a value, so the first word that is not an option names the command.
  const named = argv.find((word) => !word.startsWith('-'));
  const load = named === undefined || !Object.hasOwn(COMMAND_MODULES, named) ? undefined : COMMAND_MODULES[named];
  return load === undefined ? Promise.all(Object.values(COMMAND_MODULES).map((loadOne) => loadOne())) : [await load()];
}

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  let exitCode = 0;
  const program = new Command('proxy-component')
    .description('Record, replay, fuzz and differentially test WebAssembly components at their WIT boundary.')
    .version(TOOL_VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();
  for (const spec of await commandsFor(argv)) {
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

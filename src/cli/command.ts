/** The shape of one CLI command: declared data plus one async function. */
import type { CliIO } from './io.js';

export interface ArgumentSpec {
  /** Commander syntax: `<component>`, `[trace...]`. */
  readonly syntax: string;
  readonly description: string;
}

export interface OptionSpec {
  /** Commander syntax: `--wit <path>`, `-o, --output <file>`. */
  readonly flags: string;
  readonly description: string;
  readonly defaultValue?: string | boolean | string[];
  /** Allowed values, checked by the parser. */
  readonly choices?: readonly string[];
}

export interface CommandSpec<Options = Record<string, unknown>> {
  readonly name: string;
  readonly summary: string;
  /** Shown under `--help`, after the options: examples and exit codes. */
  readonly help?: string;
  readonly arguments: readonly ArgumentSpec[];
  readonly options: readonly OptionSpec[];
  /** Runs the command; returns the exit code. Bad input throws a ProxyComponentError. */
  readonly run: (args: readonly (string | string[])[], options: Options, io: CliIO) => Promise<number>;
}

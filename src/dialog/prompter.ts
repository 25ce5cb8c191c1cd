/**
 * The three prompts the dialog needs (pick one, pick several, type a line),
 * over @inquirer/prompts, which owns the terminal while one is open: raw
 * mode, keys, redraws, and putting the terminal back (also on Ctrl-C, when
 * the prompt rejects with an `ExitPromptError`). Indented by call depth, so
 * that an import call's prompts sit under the export call that made it.
 */
import { checkbox, input, select } from '@inquirer/prompts';

export interface Choice<T> {
  readonly name: string;
  readonly value: T;
  readonly description?: string;
  /** Shown after the question once answered, instead of `name`. */
  readonly short?: string;
  /** A reason it cannot be picked. */
  readonly disabled?: string;
}

/** Where prompts read keys and draw. */
export interface Terminal {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
}

export interface Prompter {
  select<T>(depth: number, message: string, choices: readonly Choice<T>[]): Promise<T>;
  checkbox(depth: number, message: string, choices: readonly Choice<string>[]): Promise<string[]>;
  /** A line of text; `validate` returns an error message (shown under the line) or undefined. */
  input(depth: number, message: string, validate: (text: string) => string | undefined): Promise<string>;
}

const INDENT = '  ';

/**
 * The prompt's theme at `depth`: its line, its choices (cursor included) and
 * its key help all start at the indent, so an import call's choices sit under
 * it. Inquirer draws a choice as `<cursor> <name>` from the first column; the
 * names carry the indent, and the active line's cursor moves in after it.
 * (A checkbox draws `<cursor><box> <name>`, its box on every line: its
 * choices stay at the first column.)
 */
function theme(depth: number, indentChoices = true) {
  const indent = INDENT.repeat(depth);
  const cursorIn = (text: string) => (indent === '' || !indentChoices ? text : text.replace(/^(\S+) ( *)/, (_, cursor: string, spaces: string) => `${spaces}${cursor} `));
  return {
    prefix: { idle: `${indent}?`, done: `${indent}✔` },
    style: {
      highlight: (text: string) => `\u001b[36m${cursorIn(text)}\u001b[39m`,
      disabled: (text: string) => `\u001b[2m${cursorIn(text)}\u001b[22m`,
      keysHelpTip: (keys: [string, string][]) => `${indent}\u001b[2m${keys.map(([key, action]) => `${key} ${action}`).join(' • ')}\u001b[22m`,
      description: (text: string) => `${indent}\u001b[36m${text}\u001b[39m`,
      error: (text: string) => text.split('\n').map((line) => `${indent}\u001b[31m> ${line}\u001b[39m`).join('\n'),
    },
  };
}

/** A choice's name at `depth`, indented (see `theme`). */
function indented(depth: number, name: string): string {
  return `${INDENT.repeat(depth)}${name}`;
}

/** Prompts on `terminal` (the process's stdin and stdout by default). */
export function inquirerPrompter(terminal?: Terminal): Prompter {
  const context = terminal === undefined ? undefined : { input: terminal.input, output: terminal.output };
  return {
    select: (depth, message, choices) =>
      select(
        {
          message,
          choices: choices.map((choice) => ({
            name: indented(depth, choice.name),
            value: choice.value,
            short: choice.short ?? choice.name,
            ...(choice.description === undefined ? {} : { description: choice.description }),
            ...(choice.disabled === undefined ? {} : { disabled: choice.disabled }),
          })),
          pageSize: 12,
          theme: theme(depth),
        },
        context,
      ),
    checkbox: (depth, message, choices) =>
      checkbox({ message, choices: choices.map((choice) => ({ name: choice.name, value: choice.value })), pageSize: 12, theme: theme(depth, false) }, context),
    input: (depth, message, validate) =>
      input(
        {
          message,
          validate: (text) => validate(text) ?? true,
          theme: theme(depth),
        },
        context,
      ),
  };
}

/** Whether `error` is a prompt closed by Ctrl-C (or the input ending). */
export function isPromptExit(error: unknown): boolean {
  return error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError');
}

/**
 * The dialog's prompt per WIT type, driven by a scripted prompter (the
 * terminal itself is tested in dialog-terminal.test.ts): what each type asks,
 * step-by-step entry of records, tuples, lists and flags, WAVE anywhere with
 * the column of an error, and handles offered by name, given once.
 */
import { describe, expect, it } from 'vitest';
import type { HandleState } from '../../src/dialog/protocol.js';
import type { Choice, Prompter } from '../../src/dialog/prompter.js';
import { Unanswerable, ValueAsker } from '../../src/dialog/value-prompt.js';
import { printValue } from '../../src/wave/index.js';
import { parseWit, selectWorld } from '../../src/wit/load.js';
import type { WitType } from '../../src/wit/types.js';
import { worldFunctions } from '../../src/wit/world.js';

const WORLD = selectWorld(
  parseWit(`
package test:prompts;
interface things {
  resource thing;
  record entry { key: string, tags: perms, size: option<u64> }
  flags perms { read, write, exec }
  variant shape { dot, circle(f32), named(string) }
  enum color { red, green }
  take: func(
    e: entry, t: tuple<u8, char>, l: list<s16>, s: shape, r: result<u32, string>, c: color,
    b: bool, own-thing: own<thing>, lent: borrow<thing>, pair: tuple<own<thing>, own<thing>>,
  );
}
world app { import things; }
`),
  'app',
);
const TYPES = new Map((worldFunctions(WORLD, 'import')[0]?.function.params ?? []).map((param) => [param.name, param.type]));
const type = (name: string): WitType => {
  const found = TYPES.get(name);
  if (found === undefined) throw new Error(`no parameter ${name}`);
  return found;
};

/** One answer of the script: a choice picked by its name, the flags set, or a line typed (which the prompt must accept, or reject with `rejected`). */
type Step = { readonly pick: string } | { readonly flags: readonly string[] } | { readonly type: string; readonly rejected?: RegExp };

/** A prompter that answers from `steps` in order and keeps what it was asked, indented by depth. */
function scripted(steps: readonly Step[]): { prompter: Prompter; asked: string[] } {
  const queue = [...steps];
  const asked: string[] = [];
  const next = (kind: string, message: string): Step => {
    const step = queue.shift();
    if (step === undefined) throw new Error(`the script ended, but the dialog asks (${kind}) ${message}`);
    return step;
  };
  const prompter: Prompter = {
    async select<T>(depth: number, message: string, choices: readonly Choice<T>[]): Promise<T> {
      asked.push(`${'  '.repeat(depth)}${message} [${choices.map((c) => c.name).join(' | ')}]`);
      const step = next('select', message);
      if (!('pick' in step)) throw new Error(`the dialog asks to pick for ${message}; the script says ${JSON.stringify(step)}`);
      const choice = choices.find((c) => c.name === step.pick);
      if (choice === undefined) throw new Error(`no choice ${step.pick} for ${message}`);
      return choice.value;
    },
    async checkbox(depth, message, choices) {
      asked.push(`${'  '.repeat(depth)}${message} [${choices.map((c) => c.name).join(' | ')}]`);
      const step = next('checkbox', message);
      if (!('flags' in step)) throw new Error(`the dialog asks for flags for ${message}; the script says ${JSON.stringify(step)}`);
      return [...step.flags];
    },
    async input(depth, message, validate) {
      asked.push(`${'  '.repeat(depth)}${message}`);
      for (;;) {
        const step = next('input', message);
        if (!('type' in step)) throw new Error(`the dialog asks for a line for ${message}; the script says ${JSON.stringify(step)}`);
        const error = validate(step.type);
        if (step.rejected === undefined) {
          if (error !== undefined) throw new Error(`${JSON.stringify(step.type)} rejected for ${message}: ${error}`);
          return step.type;
        }
        expect(error).toMatch(step.rejected);
      }
    },
  };
  return { prompter, asked };
}

const NO_HANDLES: HandleState = { held: [], canMake: [], nextHandle: 1 };

async function answer(param: string, steps: readonly Step[], handles = NO_HANDLES): Promise<{ wave: string; asked: string[] }> {
  const { prompter, asked } = scripted(steps);
  const value = await new ValueAsker(prompter, handles).ask(type(param), param, 0);
  return { wave: printValue(value, type(param)), asked };
}

describe('ValueAsker', () => {
  it('asks a record field by field, its flags with a multi-select and its option with a select of the cases', async () => {
    const { wave, asked } = await answer('e', [{ type: '' }, { type: 'plain text' }, { type: '' }, { flags: ['read', 'exec'] }, { pick: 'some(u64)' }, { type: '1.5', rejected: /expected u64.*\(column 1\)/ }, { type: '18446744073709551615' }]);
    expect(wave).toBe('{key: "plain text", tags: {read, exec}, size: some(18446744073709551615)}');
    expect(asked).toEqual([
      'e: entry (WAVE, or Enter field by field)',
      '  key: string (as typed, or WAVE in "quotes")',
      '  tags: perms (WAVE, or Enter to pick the flags)',
      '    tags: perms (space to set a flag, Enter when done) [read | write | exec]',
      '  size: option<u64> [none | some(u64) | ✎ type WAVE]',
      '    some: u64',
    ]);
  });

  it('takes the whole value as WAVE on any line, and shows where it is wrong', async () => {
    const { wave } = await answer('e', [{ type: '{key: "k", tags: {write}, sise: none}', rejected: /sise/ }, { type: '{key: "k", tags: {write}}' }]);
    expect(wave).toBe('{key: "k", tags: {write}}');
    const caret = scripted([{ type: '(1, x)', rejected: /\(column 5\)\n {2}\(1, x\)\n {6}\^/ }, { type: "(1, 'x')" }]);
    expect(printValue(await new ValueAsker(caret.prompter, NO_HANDLES).ask(type('t'), 't', 0), type('t'))).toBe("(1, 'x')");
  });

  it('asks tuples and lists element by element, a char as one character', async () => {
    expect((await answer('t', [{ type: '' }, { type: '256', rejected: /out of range for u8/ }, { type: '255' }, { type: 'ab', rejected: /one character/ }, { type: 'é' }])).wave).toBe("(255, 'é')");
    const list = await answer('l', [{ type: '' }, { pick: 'add element [0]' }, { type: '-3' }, { pick: 'add element [1]' }, { type: '7' }, { pick: 'done: [-3, 7]' }]);
    expect(list.wave).toBe('[-3, 7]');
  });

  it('offers the cases of variants, results, enums and bools, then the payload', async () => {
    expect((await answer('s', [{ pick: 'circle(f32)' }, { type: '2.5' }])).wave).toBe('circle(2.5)');
    expect((await answer('s', [{ pick: 'dot' }])).wave).toBe('dot');
    expect((await answer('r', [{ pick: 'err(string)' }, { type: 'no' }])).wave).toBe('err("no")');
    expect((await answer('c', [{ pick: 'green' }])).wave).toBe('green');
    expect((await answer('b', [{ pick: '✎ type WAVE' }, { type: 'yes', rejected: /bool/ }, { type: 'false' }])).wave).toBe('false');
  });

  it('offers the handles held by name and a new one, and gives an own handle once', async () => {
    const handles: HandleState = {
      held: [{ id: 1, resource: 'test:prompts/things#thing', label: 'thing #1, given to make in call 1' }],
      canMake: ['test:prompts/things#thing'],
      nextHandle: 3,
    };
    const lent = await answer('lent', [{ pick: 'thing #1, given to make in call 1' }], handles);
    expect(lent.wave).toBe('#1');
    expect(lent.asked).toEqual(['lent: borrow<thing> [thing #1, given to make in call 1 | a new thing (#3) | ✎ type WAVE]']);
    const pair = await answer('pair', [{ type: '' }, { pick: 'thing #1, given to make in call 1' }, { pick: 'a new thing (#3)' }], handles);
    expect(pair.wave).toBe('(#1, #3)');
    expect(pair.asked[2]).toBe('  1: thing [a new thing (#3) | ✎ type WAVE]');
    const typed = await answer('pair', [{ type: '(#1, #1)', rejected: /#1 is already given/ }, { type: '(#2, #1)', rejected: /#2 is not a thing the dialog can give: the thing handles held are #1; a new thing is #3/ }, { type: '(#1, #3)' }], handles);
    expect(typed.wave).toBe('(#1, #3)');
  });

  it('cannot give a value of a type it has no prompt for (async types)', async () => {
    const world = selectWorld(parseWit('package test:later;\nworld app { import wait: func(f: option<future<u32>>); }'), 'app');
    const param = worldFunctions(world, 'import')[0]?.function.params[0];
    if (param === undefined) throw new Error('no parameter');
    await expect(new ValueAsker(scripted([]).prompter, NO_HANDLES).ask(param.type, 'f', 0)).rejects.toThrow(new Unanswerable('f uses future, which the dialog cannot give'));
  });

  it('cannot give a handle of a resource the component makes when none is held', async () => {
    const { prompter } = scripted([]);
    const handles: HandleState = { held: [], canMake: [], nextHandle: 1 };
    await expect(new ValueAsker(prompter, handles).ask(type('own-thing'), 'own-thing', 0)).rejects.toThrow(Unanswerable);
    await expect(new ValueAsker(prompter, handles).ask(type('own-thing'), 'own-thing', 0)).rejects.toThrow(/no thing to give: the dialog holds none/);
  });
});

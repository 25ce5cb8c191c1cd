/**
 * Asking the user for a value of a WIT type, one typed prompt per type:
 *
 * | type                                  | prompt                                                   |
 * |---------------------------------------|----------------------------------------------------------|
 * | bool, enum                            | a select of the values                                   |
 * | variant, option, result               | a select of the cases, then the payload                  |
 * | own / borrow handles                  | a select of the held handles by name, and a new one      |
 * | integers, floats                      | a line, checked against the type's range                 |
 * | char, string                          | a line taken as it is, or WAVE when quoted               |
 * | record, tuple, list, flags            | a line of WAVE, or Enter for field by field, element by  |
 * |                                       | element, or a multi-select of the flags                  |
 *
 * WAVE is accepted anywhere: every select has a `type WAVE` choice, every
 * line reads WAVE. Typed WAVE is parsed against the type, and an error shows
 * where, with a caret under the column. Handles written `#N` must be ones the
 * dialog holds, or new ones of a resource it can make.
 */
import { isProxyComponentError } from '../errors.js';
import { NONE, ResourceHandle, type Value } from '../values/value.js';
import { forEachPart, typeHasHandles } from '../values/walk.js';
import { parseValue, printValue } from '../wave/index.js';
import { printWitType } from '../wit/print.js';
import { declaredResourceName, findUnsupported, type HandleType, type WitType } from '../wit/types.js';
import type { HandleState } from './protocol.js';
import type { Choice, Prompter } from './prompter.js';

/** A value that cannot be given (a handle no one holds, an unsupported type): the call cannot be answered. */
export class Unanswerable extends Error {
  override readonly name = 'Unanswerable';
}

type Picked = { readonly kind: 'value'; readonly value: Value } | { readonly kind: 'wave' };

const WAVE_CHOICE: Choice<Picked> = { name: '✎ type WAVE', value: { kind: 'wave' }, short: 'WAVE' };

/**
 * Asks for the values of one answer (an import call's result, or an export
 * call's arguments): new handles made during it get consecutive numbers, and
 * an `own` handle given once is not offered again.
 */
export class ValueAsker {
  private nextNew: number;
  private readonly given = new Set<number>();

  constructor(
    private readonly prompter: Prompter,
    private readonly handles: HandleState,
  ) {
    this.nextNew = handles.nextHandle;
  }

  /** Asks for a value of `type`; `label` names it (`n`, `result`, `key`), `depth` indents the prompt. */
  async ask(type: WitType, label: string, depth: number): Promise<Value> {
    const unsupported = findUnsupported(type);
    if (unsupported !== undefined) throw new Unanswerable(`${label} uses ${unsupported.kind}, which the dialog cannot give`);
    const message = `${label}: ${printWitType(type)}`;
    switch (type.kind) {
      case 'bool':
        return this.pick(type, message, depth, [
          { name: 'true', value: { kind: 'value', value: true } },
          { name: 'false', value: { kind: 'value', value: false } },
        ]);
      case 'enum':
        return this.pick(type, message, depth, type.cases.map((name) => ({ name, value: { kind: 'value', value: name } })));
      case 'variant':
      case 'option':
      case 'result':
        return this.askCase(type, message, depth);
      case 'own':
      case 'borrow':
        return this.askHandle(type, message, depth);
      case 'string':
      case 'char':
        return this.askText(type, type.kind, message, depth);
      case 'record':
      case 'tuple':
      case 'list':
      case 'flags':
        return this.askCompound(type, message, depth);
      default:
        // Numbers: WAVE is how they are written anyway.
        return this.askWave(type, message, depth, '');
    }
  }

  /** A select of `choices` and `type WAVE`. */
  private async pick(type: WitType, message: string, depth: number, choices: readonly Choice<Picked>[]): Promise<Value> {
    const picked = await this.prompter.select(depth, message, [...choices, WAVE_CHOICE]);
    return picked.kind === 'value' ? picked.value : this.askWave(type, message, depth);
  }

  private async askCase(type: WitType & { kind: 'variant' | 'option' | 'result' }, message: string, depth: number): Promise<Value> {
    const cases: { name: string; payload?: WitType }[] =
      type.kind === 'variant'
        ? type.cases.map((c) => ({ name: c.name, ...(c.type === undefined ? {} : { payload: c.type }) }))
        : type.kind === 'option'
          ? [{ name: 'none' }, { name: 'some', payload: type.some }]
          : [
              { name: 'ok', ...(type.ok === undefined ? {} : { payload: type.ok }) },
              { name: 'err', ...(type.err === undefined ? {} : { payload: type.err }) },
            ];
    const choices = cases.map(
      (c): Choice<Picked> => ({
        name: c.payload === undefined ? c.name : `${c.name}(${printWitType(c.payload)})`,
        short: c.name,
        value: { kind: 'value', value: c.name },
      }),
    );
    const picked = await this.prompter.select(depth, message, [...choices, WAVE_CHOICE]);
    if (picked.kind === 'wave') return this.askWave(type, message, depth);
    const tag = picked.value as string;
    const payload = cases.find((c) => c.name === tag)?.payload;
    if (payload === undefined) return tag === 'none' ? NONE : { tag };
    return { tag, value: await this.ask(payload, tag, depth + 1) };
  }

  private async askHandle(type: HandleType, message: string, depth: number): Promise<Value> {
    const name = declaredResourceName(type.resource);
    const held = this.handles.held.filter((offer) => offer.resource === type.resource.id && !this.given.has(offer.id));
    const choices: Choice<Picked>[] = held.map((offer) => ({ name: offer.label, short: `#${offer.id}`, value: { kind: 'value', value: new ResourceHandle(offer.id) } }));
    const canMake = this.handles.canMake.includes(type.resource.id);
    if (canMake) choices.push({ name: `a new ${name} (#${this.nextNew})`, short: `new #${this.nextNew}`, value: { kind: 'value', value: new ResourceHandle(this.nextNew) } });
    if (choices.length === 0) {
      throw new Unanswerable(`no ${name} to give: the dialog holds none, and the component makes them (call an export that returns one first)`);
    }
    const value = await this.pick(type, message, depth, choices);
    this.took(value, type);
    return value;
  }

  private async askText(type: WitType, kind: 'string' | 'char', message: string, depth: number): Promise<Value> {
    const quote = kind === 'string' ? '"' : "'";
    const read = (text: string): Value => (text.startsWith(quote) ? parseValue(text, type) : literalText(text, kind));
    const text = await this.prompter.input(depth, `${message} (as typed, or WAVE in ${quote}quotes${quote})`, (typed) => waveError(typed, () => read(typed)));
    return read(text);
  }

  private async askCompound(type: WitType & { kind: 'record' | 'tuple' | 'list' | 'flags' }, message: string, depth: number): Promise<Value> {
    const how = { record: 'field by field', tuple: 'element by element', list: 'element by element', flags: 'to pick the flags' }[type.kind];
    const text = await this.prompter.input(depth, `${message} (WAVE, or Enter ${how})`, (typed) =>
      typed.trim() === '' ? undefined : waveError(typed, () => this.readWave(typed, type)),
    );
    if (text.trim() !== '') return this.took(this.readWave(text, type), type);
    switch (type.kind) {
      case 'record': {
        const record: Record<string, Value> = {};
        for (const field of type.fields) record[field.name] = await this.ask(field.type, field.name, depth + 1);
        return record;
      }
      case 'tuple': {
        const elements: Value[] = [];
        for (const [i, element] of type.elements.entries()) elements.push(await this.ask(element, String(i), depth + 1));
        return elements;
      }
      case 'flags':
        return this.prompter.checkbox(depth + 1, `${message} (space to set a flag, Enter when done)`, type.flags.map((flag) => ({ name: flag, value: flag })));
      case 'list':
        return this.askList(type, message, depth);
    }
  }

  private async askList(type: WitType & { kind: 'list' }, message: string, depth: number): Promise<Value> {
    const elements: Value[] = [];
    if (type.length !== undefined) {
      for (let i = 0; i < type.length; i++) elements.push(await this.ask(type.element, `[${i}]`, depth + 1));
      return elements;
    }
    for (;;) {
      const more = await this.prompter.select(depth + 1, `${message}: ${elements.length} element${elements.length === 1 ? '' : 's'} so far`, [
        { name: `add element [${elements.length}]`, value: true, short: 'add' },
        { name: `done: ${printValue(elements, type)}`, value: false, short: 'done' },
      ]);
      if (!more) return elements;
      elements.push(await this.ask(type.element, `[${elements.length}]`, depth + 1));
    }
  }

  /** A line of WAVE for the whole value. */
  private async askWave(type: WitType, message: string, depth: number, hint = ' (WAVE)'): Promise<Value> {
    const text = await this.prompter.input(depth, `${message}${hint}`, (typed) => waveError(typed, () => this.readWave(typed, type)));
    return this.took(this.readWave(text, type), type);
  }

  /** Parses WAVE and checks its handles: held ones of the right resource, or new ones the dialog can make. */
  private readWave(text: string, type: WitType): Value {
    const value = parseValue(text, type);
    if (!typeHasHandles(type)) return value;
    const seen = new Set<number>();
    forEachPart(value, type, (part, partType) => {
      if ((partType.kind !== 'own' && partType.kind !== 'borrow') || !(part instanceof ResourceHandle)) return;
      const problem = this.handleProblem(part.id, partType, seen);
      if (problem !== undefined) throw new HandleProblem(problem);
      if (partType.kind === 'own') seen.add(part.id);
    });
    return value;
  }

  private handleProblem(id: number, type: HandleType, seen: ReadonlySet<number>): string | undefined {
    const name = declaredResourceName(type.resource);
    if (seen.has(id) || this.given.has(id)) return `#${id} is already given in this answer`;
    const held = this.handles.held.filter((offer) => offer.resource === type.resource.id && !this.given.has(offer.id));
    if (held.some((offer) => offer.id === id)) return undefined;
    const canMake = this.handles.canMake.includes(type.resource.id);
    if (canMake && id >= this.handles.nextHandle) return undefined;
    const options = [
      ...(held.length === 0 ? [] : [`the ${name} handles held are ${held.map((offer) => `#${offer.id}`).join(', ')}`]),
      ...(canMake ? [`a new ${name} is #${this.nextNew}`] : []),
    ];
    return `#${id} is not a ${name} the dialog can give${options.length === 0 ? ` (it holds none${canMake ? '' : ', and the component makes them'})` : `: ${options.join('; ')}`}`;
  }

  /** Notes the handles a value gives: `own` ones are not offered again, new ones move the next number on. */
  private took(value: Value, type: WitType): Value {
    if (!typeHasHandles(type)) return value;
    forEachPart(value, type, (part, partType) => {
      if ((partType.kind !== 'own' && partType.kind !== 'borrow') || !(part instanceof ResourceHandle)) return;
      if (partType.kind === 'own') this.given.add(part.id);
      if (part.id >= this.nextNew) this.nextNew = part.id + 1;
    });
    return value;
  }
}

class HandleProblem extends Error {}

/** A line taken as it is: a string, or a char (one code point). */
function literalText(text: string, kind: 'string' | 'char'): Value {
  if (kind === 'string') return text;
  if ([...text].length !== 1) throw new HandleProblem(`a char is one character, found ${[...text].length}`);
  return text;
}

/** Undefined when `read` succeeds; else the error, with a caret under its column for WAVE errors. */
export function waveError(text: string, read: () => unknown): string | undefined {
  try {
    read();
    return undefined;
  } catch (error) {
    if (error instanceof HandleProblem) return error.message;
    if (!isProxyComponentError(error)) throw error;
    const column = error.location?.column;
    if (column === undefined) return error.detail;
    return `${error.detail} (column ${column})\n  ${text}\n  ${' '.repeat(Math.max(0, column - 1))}^`;
  }
}

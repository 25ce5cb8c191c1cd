/**
 * Walking a value together with its WIT type: every nested part with the type
 * it has, and rewriting the resource handles inside a value. The fuzzer uses
 * them for coverage and to turn generated handle choices into real handles;
 * traces use them to follow the handles their calls pass around.
 */
import { perObject } from '../util/per-object.js';
import type { HandleType, WitType } from '../wit/types.js';
import { ResourceHandle, type CaseValue, type RecordValue, type Value } from './value.js';

const everyType = (): boolean => true;

/**
 * Calls `visit` for the value and every part of it, outside in; a part whose
 * type `enter` refuses is skipped with all it holds.
 */
export function forEachPart(value: Value, type: WitType, visit: (value: Value, type: WitType) => void, enter: (type: WitType) => boolean = everyType): void {
  if (!enter(type)) return;
  visit(value, type);
  switch (type.kind) {
    case 'list':
      for (const item of value as readonly Value[]) forEachPart(item, type.element, visit, enter);
      return;
    case 'tuple':
      for (let i = 0; i < type.elements.length; i++) forEachPart((value as readonly Value[])[i] as Value, type.elements[i] as WitType, visit, enter);
      return;
    case 'record':
      for (const field of type.fields) {
        const part = (value as RecordValue)[field.name];
        if (part !== undefined) forEachPart(part, field.type, visit, enter);
      }
      return;
    case 'variant':
    case 'option':
    case 'result': {
      const payload = payloadType(type, (value as CaseValue).tag);
      const part = (value as CaseValue).value;
      if (payload !== undefined && part !== undefined) forEachPart(part, payload, visit, enter);
      return;
    }
    default:
      return;
  }
}

/**
 * Calls `visit` for every resource handle in the value, with its handle type,
 * outside in, left to right, without walking the parts whose type can hold
 * none (a list<u8> body is not read).
 */
export function forEachHandle(value: Value, type: WitType, visit: (handle: ResourceHandle, type: HandleType) => void): void {
  forEachPart(
    value,
    type,
    (part, partType) => {
      if ((partType.kind === 'own' || partType.kind === 'borrow') && part instanceof ResourceHandle) visit(part, partType);
    },
    typeHasHandles,
  );
}

/** The payload type of a case of a variant, option or result. */
export function payloadType(type: WitType, tag: string): WitType | undefined {
  switch (type.kind) {
    case 'variant':
      return type.cases.find((c) => c.name === tag)?.type;
    case 'option':
      return tag === 'some' ? type.some : undefined;
    case 'result':
      return tag === 'ok' ? type.ok : tag === 'err' ? type.err : undefined;
    default:
      return undefined;
  }
}

/** True when values of `type` can hold resource handles. */
export const typeHasHandles: (type: WitType) => boolean = perObject(computeHasHandles);

function computeHasHandles(type: WitType): boolean {
  switch (type.kind) {
    case 'own':
    case 'borrow':
      return true;
    case 'list':
      return typeHasHandles(type.element);
    case 'tuple':
      return type.elements.some(typeHasHandles);
    case 'record':
      return type.fields.some((field) => typeHasHandles(field.type));
    case 'variant':
      return type.cases.some((c) => c.type !== undefined && typeHasHandles(c.type));
    case 'option':
      return typeHasHandles(type.some);
    case 'result':
      return (type.ok !== undefined && typeHasHandles(type.ok)) || (type.err !== undefined && typeHasHandles(type.err));
    default:
      return false;
  }
}

/**
 * A copy of `value` with every handle replaced by `map(handle, type)`, in
 * order (outside in, left to right); the value itself when it holds none.
 */
export function mapHandles(value: Value, type: WitType, map: (handle: Value, type: HandleType) => Value): Value {
  if (!typeHasHandles(type)) return value;
  switch (type.kind) {
    case 'own':
    case 'borrow':
      return map(value, type);
    case 'list':
      return (value as readonly Value[]).map((item) => mapHandles(item, type.element, map));
    case 'tuple':
      return type.elements.map((element, i) => mapHandles((value as readonly Value[])[i] as Value, element, map));
    case 'record': {
      const record: Record<string, Value> = { ...(value as RecordValue) };
      for (const field of type.fields) {
        const part = record[field.name];
        if (part !== undefined) record[field.name] = mapHandles(part, field.type, map);
      }
      return record;
    }
    case 'variant':
    case 'option':
    case 'result': {
      const { tag, value: part } = value as CaseValue;
      const payload = payloadType(type, tag);
      return payload === undefined || part === undefined ? value : { tag, value: mapHandles(part, payload, map) };
    }
    default:
      return value;
  }
}

/** The handle types inside `type`, outside in (each once per place it occurs). */
export function handleTypes(type: WitType): HandleType[] {
  if (!typeHasHandles(type)) return [];
  switch (type.kind) {
    case 'own':
    case 'borrow':
      return [type];
    case 'list':
      return handleTypes(type.element);
    case 'tuple':
      return type.elements.flatMap(handleTypes);
    case 'record':
      return type.fields.flatMap((field) => handleTypes(field.type));
    case 'variant':
      return type.cases.flatMap((c) => (c.type === undefined ? [] : handleTypes(c.type)));
    case 'option':
      return handleTypes(type.some);
    case 'result':
      return [...(type.ok === undefined ? [] : handleTypes(type.ok)), ...(type.err === undefined ? [] : handleTypes(type.err))];
    default:
      return [];
  }
}

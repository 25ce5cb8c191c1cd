/**
 * jco's `as_nullable` rule: an `option<T>` is written `T | undefined` exactly
 * when T is not itself nullable; otherwise it is `{ tag: 'none' | 'some', val }`.
 * So option<option<u32>> is tagged outside and nullable inside, and the
 * nesting alternates from there.
 */
import type { WitType } from '../wit/types.js';

/** True when jco writes `none` of this option type as `undefined` rather than `{ tag: 'none' }`. */
export function isJcoNullable(type: WitType): boolean {
  return type.kind === 'option' && !isJcoNullable(type.some);
}

/**
 * The shape shared by the jco bridge's compiled converters: one function per
 * direction, both taking the ResourceTable of the call.
 */
import type { ResourceTable } from './resource-table.js';
import type { Value } from './value.js';

export type ToJs = (value: Value, resources: ResourceTable | undefined) => unknown;
export type FromJs = (js: unknown, resources: ResourceTable | undefined) => Value;

export interface Compiled {
  readonly toJs: ToJs;
  readonly fromJs: FromJs;
}

/** A non-null, non-array object: what records, flags and `{ tag, val }` cases are. */
export function isPlainObjectLike(js: unknown): js is Record<string, unknown> {
  return typeof js === 'object' && js !== null && !Array.isArray(js);
}

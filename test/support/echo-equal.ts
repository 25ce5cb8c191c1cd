/**
 * Structural equality of Values for the jco round-trip tests: numbers by
 * `Object.is` (NaN equals NaN, -0 differs from 0), handles by number, records
 * by their key sets. Returns the path of the first difference, or undefined.
 */
import { ResourceHandle, type Value } from '../../src/values/value.js';

export function firstDifference(a: Value, b: Value, path = ''): string | undefined {
  if (typeof a !== 'object' || typeof b !== 'object') {
    return Object.is(a, b) ? undefined : `${path || '(root)'}: ${show(a)} != ${show(b)}`;
  }
  if (a instanceof ResourceHandle || b instanceof ResourceHandle) {
    return a instanceof ResourceHandle && b instanceof ResourceHandle && a.id === b.id ? undefined : `${path || '(root)'}: handles differ`;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return `${path || '(root)'}: arrays differ in length`;
    for (let i = 0; i < a.length; i++) {
      const found = firstDifference(a[i] as Value, b[i] as Value, `${path}[${i}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  const keysA = Object.keys(a).sort();
  const keysB = Object.keys(b).sort();
  if (keysA.join(',') !== keysB.join(',')) return `${path || '(root)'}: keys ${keysA.join(',')} != ${keysB.join(',')}`;
  for (const key of keysA) {
    const found = firstDifference((a as Record<string, Value>)[key] as Value, (b as Record<string, Value>)[key] as Value, `${path}.${key}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

function show(value: unknown): string {
  return typeof value === 'bigint' ? `${value}n` : typeof value === 'string' ? JSON.stringify(value) : String(value);
}

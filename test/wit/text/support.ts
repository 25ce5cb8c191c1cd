/** Shortcuts for the WIT reader tests: parse a snippet, pick an item, catch an error. */
import { expect } from 'vitest';
import { isProxyComponentError, type ErrorCode, type ProxyComponentError } from '../../../src/errors.js';
import { parseWit } from '../../../src/wit/load.js';
import type { WitInterface, World } from '../../../src/wit/world.js';

/** The interface `name` of the main package of `source` (`package test:pkg;` is prepended). */
export function interfaceOf(body: string, name = 'i'): WitInterface {
  const found = parseWit(`package test:pkg;\n${body}`, 'test.wit').main.interfaces.get(name);
  if (found === undefined) throw new Error(`no interface ${name}`);
  return found;
}

/** The world `name` of the main package of `source` (`package test:pkg;` is prepended). */
export function worldOf(body: string, name = 'w'): World {
  const found = parseWit(`package test:pkg;\n${body}`, 'test.wit').main.worlds.get(name);
  if (found === undefined) throw new Error(`no world ${name}`);
  return found;
}

/** The ProxyComponentError `run` throws; fails the test when it throws nothing or something else. */
export function caught(run: () => unknown): ProxyComponentError {
  try {
    run();
  } catch (error) {
    if (isProxyComponentError(error)) return error;
    throw error;
  }
  throw new Error('expected a ProxyComponentError, but nothing was thrown');
}

/** Asserts the code, the detail and the `line:column` of the error `run` throws. */
export function expectWitError(run: () => unknown, code: ErrorCode, detail: string | RegExp, at: `${number}:${number}`): void {
  const error = caught(run);
  expect(error.code).toBe(code);
  if (typeof detail === 'string') expect(error.detail).toBe(detail);
  else expect(error.detail).toMatch(detail);
  expect(`${error.location?.line}:${error.location?.column}`).toBe(at);
}

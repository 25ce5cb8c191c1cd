/** Asserts that `run` fails with a ProxyComponentError of `code` at `line:column`. */
import { expect } from 'vitest';
import { isProxyComponentError, type ErrorCode, type ProxyComponentError } from '../../src/errors.js';

export function expectError(run: () => unknown, code: ErrorCode, at?: `${number}:${number}`, message?: string | RegExp): ProxyComponentError {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught, 'expected an error').toBeDefined();
  if (!isProxyComponentError(caught)) throw caught;
  expect({ code: caught.code, detail: caught.detail }).toMatchObject({ code });
  if (at !== undefined) expect(`${caught.location?.line}:${caught.location?.column}`).toBe(at);
  if (message !== undefined) expect(caught.detail).toMatch(message);
  return caught;
}

/**
 * Regression: js-component-bindgen panics on a component that lowers
 * strings as latin1+utf16, and jco-transpile's instance then refuses every
 * later transpile in the process ("cannot enter component instance"). A
 * bindings campaign mixing encodings lost every later case on every JS
 * engine that way; transpiling in a worker thread that is replaced after a
 * failure keeps the next component transpilable.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { BindingsCase } from '../../../src/campaign/bindings-case.js';
import { buildCase } from '../../../src/campaign/build-case.js';
import { transpileCached } from '../../../src/engines/jco/transpile-cache.js';

const echoString = (encoding: BindingsCase['encoding']) => buildCase({ encoding, functions: [{ name: 'f0', kind: 'echo', params: [{ kind: 'string' }] }] });

it('transpiles a component after one jco panicked on', async () => {
  const cache = await mkdtemp(join(tmpdir(), 'pc-cache-'));
  const latin1 = await echoString('compact-utf16');
  const utf8 = await echoString('utf8');

  await expect(transpileCached(latin1.bytes, cache)).rejects.toMatchObject({ code: 'COMPONENT_DECODE', message: expect.stringContaining('assertion failed') });
  const after = await transpileCached(utf8.bytes, cache);

  expect(after.transpiled).toBe(true);
}, 60_000);

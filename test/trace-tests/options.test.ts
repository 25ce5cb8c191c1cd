/**
 * The options of traces as tests, normalised once at each framework's edge
 * (src/trace-tests/options.ts): defaults, absolute paths, checked engines,
 * and usage errors that name the option as the user wrote it.
 */
import { describe, expect, it } from 'vitest';
import { traceTestSettings } from '../../src/trace-tests/options.js';

const plugin = { root: '/project', where: 'proxy()' };
const runner = { root: '/project', where: 'testEnvironmentOptions.proxyComponent.' };

describe('traceTestSettings', () => {
  it('applies the defaults when nothing is given', () => {
    expect(traceTestSettings(undefined, plugin)).toEqual({ root: '/project', timeoutMs: 10_000, passthrough: [] });
    expect(traceTestSettings({}, plugin)).toEqual({ root: '/project', timeoutMs: 10_000, passthrough: [] });
  });

  it('resolves paths against the root and keeps absolute ones, and checks engine names', () => {
    const settings = traceTestSettings({ component: 'build/app.wasm', hostModule: '/abs/host.ts', timeoutMs: 0, passthrough: ['wasi:*'], engines: ['jco', 'node'] }, plugin);
    expect(settings).toEqual({ root: '/project', component: '/project/build/app.wasm', hostModule: '/abs/host.ts', timeoutMs: 0, passthrough: ['wasi:*'], engines: ['jco', 'node'] });
  });

  it('is idempotent: normalised settings, given again as options, stay the same', () => {
    const { root: _root, ...again } = traceTestSettings({ component: 'app.wasm', engines: ['jco'] }, plugin);
    expect(traceTestSettings(again, plugin)).toEqual(traceTestSettings({ component: 'app.wasm', engines: ['jco'] }, plugin));
  });

  it.each([
    [{ timeoutMs: 'abc' }, plugin, 'proxy() option `timeoutMs` takes milliseconds (an integer, 0 for no limit), got "abc"'],
    [{ timeoutMs: -1 }, runner, 'testEnvironmentOptions.proxyComponent.timeoutMs takes milliseconds (an integer, 0 for no limit), got -1'],
    [{ engines: 'jco,node' }, plugin, 'proxy() option `engines` takes a list of engine names (e.g. ["jco", "node"]), got "jco,node"'],
    [{ engines: ['jco', 'v8'] }, runner, 'testEnvironmentOptions.proxyComponent.engines '],
    [{ passthrough: 'wasi:*' }, plugin, 'proxy() option `passthrough` takes a list of strings, got "wasi:*"'],
    [{ hostModule: '' }, plugin, 'proxy() option `hostModule` takes a path, got ""'],
    [{ timeout: 5 }, plugin, 'proxy() options: unknown option `timeout`'],
    [['jco'], runner, 'testEnvironmentOptions.proxyComponent: expected an object, got an array'],
  ])('refuses %j with a usage error naming the option', (options, source, message) => {
    expect(() => traceTestSettings(options, source)).toThrow(expect.objectContaining({ code: 'USAGE', message: expect.stringContaining(message) }));
  });
});

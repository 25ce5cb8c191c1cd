/**
 * The options of traces as tests, normalised once at each framework's edge
 * (src/trace-tests/options.ts): defaults, absolute paths, checked engines,
 * and usage errors that name the option as the user wrote it.
 */
import { describe, expect, it } from 'vitest';
import { recordMode, traceTestSettings } from '../../src/trace-tests/options.js';

const plugin = { root: '/project', where: 'proxy()' };
const runner = { root: '/project', where: 'testEnvironmentOptions.proxyComponent.' };

describe('traceTestSettings', () => {
  it('applies the defaults when nothing is given', () => {
    expect(traceTestSettings(undefined, plugin)).toEqual({ root: '/project', timeoutMs: 10_000, passthrough: [], redact: [] });
    expect(traceTestSettings({}, plugin)).toEqual({ root: '/project', timeoutMs: 10_000, passthrough: [], redact: [] });
  });

  it('resolves paths against the root and keeps absolute ones, and checks engine names', () => {
    const settings = traceTestSettings({ component: 'build/app.wasm', hostModule: '/abs/host.ts', timeoutMs: 0, passthrough: ['wasi:*'], engines: ['jco', 'node'] }, plugin);
    expect(settings).toEqual({ root: '/project', component: '/project/build/app.wasm', hostModule: '/abs/host.ts', timeoutMs: 0, passthrough: ['wasi:*'], engines: ['jco', 'node'], redact: [] });
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
    [{ record: 'sometimes' }, plugin, 'proxy() option `record` takes none, missing, all, got "sometimes"'],
    [{ redact: [{ env: 'TOKEN', import: 'x' }] }, plugin, 'proxy() option `redact` #1: give exactly one of `env`, `import` and `export`'],
    [{ redact: [{ import: 'x' }] }, plugin, 'proxy() option `redact` #1: say where with `path`'],
    [{ match: [{ import: 'x', equal: () => true }] }, plugin, 'proxy() option `match` #1: a rule with an `equal` function goes in a module'],
  ])('refuses %j with a usage error naming the option', (options, source, message) => {
    expect(() => traceTestSettings(options, source)).toThrow(expect.objectContaining({ code: 'USAGE', message: expect.stringContaining(message) }));
  });
});

describe('recordMode', () => {
  it('takes -u first, then PROXY_COMPONENT_RECORD, then the option, then the framework default for snapshots', () => {
    expect(recordMode({ record: 'none' }, 'all', { PROXY_COMPONENT_RECORD: 'none' })).toBe('all');
    expect(recordMode({ record: 'all' }, 'new', { PROXY_COMPONENT_RECORD: 'none' })).toBe('none');
    expect(recordMode({ record: 'all' }, 'none', {})).toBe('all');
    expect(recordMode({}, 'none', {})).toBe('none');
    expect(recordMode({}, 'new', {})).toBe('missing');
  });

  it('replays only on CI when no framework tells, and refuses an unknown mode in the environment', () => {
    expect(recordMode({}, undefined, { CI: 'true' })).toBe('none');
    expect(recordMode({}, undefined, { CI: 'false' })).toBe('missing');
    expect(recordMode({}, undefined, {})).toBe('missing');
    expect(() => recordMode({}, 'new', { PROXY_COMPONENT_RECORD: 'some' })).toThrow('PROXY_COMPONENT_RECORD takes none, missing, all, got "some"');
  });
});

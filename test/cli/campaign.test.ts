/** `proxy-component campaign bindings` from the command line: its report, its exit codes, its usage errors. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

describe('proxy-component campaign', () => {
  it('runs a bindings campaign on jco and exits 0 when every call gives what it must', async () => {
    const kinds = 'echo,import-echo,checksum,resource,import-resource';
    const run = await runCli('campaign', 'bindings', '--count', '2', '--seed', '3', '--engines', 'jco', '--encodings', 'utf8', '--kinds', kinds);
    expect(run.err).not.toContain('error');
    expect(run.out).toMatch(/^bindings campaign, seed 3: 2 cases, \d+ components, \d+ calls per engine/);
    expect(run.out).toContain('every call on every engine that ran it gave what the generator says it must');
    expect(run.out).toMatch(/@bytecodealliance\/jco-transpile \d+\.\d+\.\d+, @bytecodealliance\/preview2-shim \d+/);
    expect(run.exitCode).toBe(0);
  });

  it('exits 1 with a confirmed finding: jco-transpile lets a call with an invalid handle reach the host', async () => {
    const run = await runCli('campaign', 'bindings', '--count', '1', '--seed', '3', '--engines', 'jco', '--encodings', 'utf8', '--kinds', 'invalid-handle', '--shrink-time', '20000');
    expect(run.out).toMatch(/finding 1: (invalid handle reaches the host|no trap on an invalid handle) on jco \(confirmed on a fresh run\)/);
    expect(run.out).toContain('expected: a trap');
    expect(run.exitCode).toBe(1);
  });

  it('refuses an unknown campaign, engine or encoding with exit code 2', async () => {
    expect((await runCli('campaign', 'imports')).exitCode).toBe(2);
    const engine = await runCli('campaign', 'bindings', '--engines', 'nope');
    expect(engine.exitCode).toBe(2);
    expect(engine.err).toContain('unknown engine `nope`');
    const encoding = await runCli('campaign', 'bindings', '--encodings', 'latin1');
    expect(encoding.exitCode).toBe(2);
    expect(encoding.err).toContain('unknown string encoding `latin1`');
    const kind = await runCli('campaign', 'bindings', '--kinds', 'echo,mirror');
    expect(kind.exitCode).toBe(2);
    expect(kind.err).toContain('unknown kind of function `mirror`');
  });

  it('exits 2 when no engine could run any case', async () => {
    const run = await runCli('campaign', 'bindings', '--count', '1', '--seed', '1', '--engines', 'jco', '--encodings', 'compact-utf16', '--no-shrink');
    expect(run.out).toContain('jco could not run 1 case(s)');
    expect(run.exitCode).toBe(2);
  });
});

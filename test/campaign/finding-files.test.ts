/**
 * A finding as a folder ready to file upstream: REPORT.md with the minimal
 * WIT, WAT, call, expected value, every engine's outcome, the versions and
 * the commands; the component; and a trace whose outcome is the truth, so
 * that `replay` passes on an engine that is right (jco, against the faulty
 * engine here) and fails, naming the difference, on a component that gives
 * another answer.
 */
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBindingsCampaign } from '../../src/campaign/campaign.js';
import { writeFindingFiles } from '../../src/campaign/finding-files.js';
import { jcoEngine } from '../../src/engines/in-process/jco-engine.js';
import { runCli } from '../support/cli.js';
import { faultyJco } from '../support/faulty-jco.js';

/** jco, answering every u8 result one more than it is. */
const offByOne = faultyJco('off-by-one', 'jco, with u8 results one more', {
  reports: (reports, calls) =>
    reports.map((report, i) => {
      const u8 = calls[i]?.function.function.result?.kind === 'u8';
      return u8 && report.outcome.kind === 'return' ? { ...report, outcome: { kind: 'return' as const, value: ((report.outcome.value as number) + 1) % 256 } } : report;
    }),
});

describe('finding files', () => {
  it('writes REPORT.md, the WIT, the WAT, the component and a trace that replay checks against the truth', async () => {
    const report = await runBindingsCampaign({ engines: [jcoEngine, offByOne], count: 20, seed: 3, generator: { encodings: ['utf8'], kinds: ['echo'], maxParams: 1, maxDepth: 0 }, shrinkTimeMs: 30_000 });
    expect(report.findings).toHaveLength(1);
    const finding = report.findings[0];
    expect(finding?.call).toBe('f0(p0: 0)');
    const directory = await mkdtemp(join(tmpdir(), 'pc-findings-'));

    const [folder] = await writeFindingFiles(report, directory);

    expect(folder).toBeDefined();
    expect((await readdir(folder as string)).sort()).toEqual(['REPORT.md', 'component.wasm', 'finding.json', 'finding.trace', 'module.wat', 'world.wit']);
    const text = await readFile(join(folder as string, 'REPORT.md'), 'utf8');
    expect(text).toContain('export %f0: func(p0: u8) -> u8;');
    expect(text).toContain('(module');
    expect(text).toContain('| off-by-one | `1` | WRONG |');
    expect(text).toContain('| jco | `0` | right |');
    expect(text).toMatch(/@bytecodealliance\/jco-transpile: \d+\.\d+\.\d+/);
    expect(text).toMatch(/@bytecodealliance\/preview2-shim: \d+\.\d+\.\d+/);
    expect(text).toContain('npx proxy-component replay component.wasm finding.trace');
    const component = join(folder as string, 'component.wasm');
    const trace = join(folder as string, 'finding.trace');
    expect(await readFile(trace, 'utf8')).toContain('export f0(0)\nreturn 0');

    // jco is right: the truth replays. A trace that expects the faulty answer does not.
    expect((await runCli('replay', component, trace)).exitCode).toBe(0);
    const wrong = join(directory, 'wrong.trace');
    await writeFile(wrong, (await readFile(trace, 'utf8')).replace('return 0', 'return 1'));
    const failed = await runCli('replay', component, wrong);
    expect(failed.exitCode).toBe(1);
    expect(failed.out + failed.err).toContain('f0');
  }, 120_000);
});

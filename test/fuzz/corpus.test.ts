import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusFileName, saveFailure } from '../../src/fuzz/corpus.js';

const header = (seed: number) => `# proxy-component trace v1 {"fuzz":{"seed":${seed},"path":"0","property":"no-trap"}}\n`;
const body = 'export divide(0)\n  import test:fuzz/env.get-limit@0.1.0() -> 0\nexpect no-trap\n';

describe('the corpus', () => {
  it('names a failure after its export, property and calls, not its header', () => {
    const name = corpusFileName(header(1) + body, 'test:fuzz/api.[method]counter.bump@0.1.0', 'no-trap');
    expect(name).toMatch(/^test-fuzz-api-method-counter-bump-0-1-0-no-trap-[0-9a-f]{16}\.trace$/);
    expect(corpusFileName(header(2) + body, 'test:fuzz/api.[method]counter.bump@0.1.0', 'no-trap')).toBe(name);
    expect(corpusFileName(header(1) + body.replace('-> 0', '-> 1'), 'test:fuzz/api.[method]counter.bump@0.1.0', 'no-trap')).not.toBe(name);
  });

  it('writes a new failure, and leaves an existing one as it is', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'pc-corpus-')), 'nested', 'corpus');
    const first = await saveFailure(dir, header(1) + body, 'divide', 'no-trap');
    expect(first.duplicate).toBe(false);
    expect(await readFile(first.file, 'utf8')).toBe(header(1) + body);
    const second = await saveFailure(dir, header(2) + body, 'divide', 'no-trap');
    expect(second).toEqual({ file: first.file, duplicate: true });
    expect(await readFile(first.file, 'utf8')).toBe(header(1) + body);
    // No temporary files left behind by the atomic write.
    expect(await readdir(dir)).toEqual([first.file.slice(dir.length + 1)]);
  });

  it('reports a folder it cannot write as an IO error', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'pc-corpus-')), 'not-a-folder');
    await writeFile(file, 'x');
    await expect(saveFailure(file, body, 'divide', 'no-trap')).rejects.toMatchObject({ code: 'IO' });
  });
});

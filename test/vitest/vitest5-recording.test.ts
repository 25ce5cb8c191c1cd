/**
 * Recording from tests under Vitest 5 on Node 24 (installed by
 * scripts/setup-vitest5.sh; never skipped): a fresh project with the README's
 * configuration and nothing else, `plugins: [proxy({ hostModule: './host.ts' })]`,
 * records on the first run against the host, replays offline on the second,
 * records again with `-u`, and keeps a redacted secret out of every file.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENV_HOST, ENV_SECRET, envComponent } from '../support/shapes/logger-env.js';
import { writeApp } from './support/app-traces.js';
import { createTraceProject, type TraceProject } from './support/trace-project.js';
import { vitest5Install } from './support/vitest5-install.js';

const install = vitest5Install();
let project: TraceProject;

const HOST = `// The real host: what the component's imports answer.
export default {
  'test:app/math': { double: (x: number): number => x * 2, lookup: (key: string): string | undefined => (key === 'ada' ? 'Hello, Ada' : undefined) },
};
`;

const CONFIG = `import { defineConfig } from 'vitest/config';
import { proxy } from 'proxy-component/vitest';

export default defineConfig({ plugins: [proxy({ hostModule: './host.ts' })] });
`;

const testFile = (call: string, result: number) => `import { expect, test } from 'vitest';

test('doubles', async () => {
  await expect('app.wasm').toMatchRecording('doubles', async (app) => {
    expect(await app.call('${call}')).toBe(${result});
  });
});
`;

beforeAll(async () => {
  if (typeof install === 'string') return;
  project = await createTraceProject(install);
  await writeApp(project);
  await project.write('vitest.config.ts', CONFIG);
  await project.write('host.ts', HOST);
});

afterAll(async () => {
  await project?.remove();
});

function requireInstall(): TraceProject {
  if (typeof install === 'string') throw new Error(install);
  return project;
}

describe('toMatchRecording under Vitest 5 (Node 24)', () => {
  it('records on the first run against the host, replays offline on the second, records again with -u', async () => {
    const p = requireInstall();
    await p.write('app.test.ts', testFile('run(20)', 41));

    const first = await p.vitest(['run', 'app.test.ts']);
    expect(first.exitCode, first.output).toBe(0);
    expect(first.output).toContain('RUN  v5.');
    expect(await p.read('__traces__/app.test.ts/doubles.trace')).toContain('export run(20)\n  import test:app/math.double@0.1.0(20) -> 40\nreturn 41\n');

    await rm(join(p.dir, 'host.ts'));
    const offline = await p.vitest(['run', 'app.test.ts'], { env: { CI: 'true' } });
    expect(offline.exitCode, offline.output).toBe(0);
    await p.write('host.ts', HOST);

    await p.write('app.test.ts', testFile('run(21)', 43));
    const diverged = await p.vitest(['run', 'app.test.ts'], { env: { CI: 'true' } });
    expect(diverged.exitCode, diverged.output).toBe(1);
    expect(diverged.output).toContain("the test called `run(21)`, the recording's next export call is `run(20)`");

    const updated = await p.vitest(['run', 'app.test.ts', '-u'], { env: { CI: 'true' } });
    expect(updated.exitCode, updated.output).toBe(0);
    expect(await p.read('__traces__/app.test.ts/doubles.trace')).toContain('export run(21)');
  });

  it('keeps a redacted secret out of every file', async () => {
    const p = requireInstall();
    await p.write('env/env.wasm', await envComponent());
    await p.write('env/env-host.mjs', ENV_HOST);
    await p.write('vitest.env.config.ts', CONFIG.replace("proxy({ hostModule: './host.ts' })", "proxy({ hostModule: './env/env-host.mjs', redact: [{ env: 'API_TOKEN' }] })"));
    await p.write('env/env.test.ts', "import { expect, test } from 'vitest';\n\ntest('env', async () => {\n  await expect('env/env.wasm').toMatchRecording('env', async (app) => {\n    expect(await app.call('env-count()')).toBe(2);\n  });\n});\n");

    const run = await p.vitest(['run', 'env', '--config', 'vitest.env.config.ts']);

    expect(run.exitCode, run.output).toBe(0);
    expect(await p.read('env/__traces__/env.test.ts/env.trace')).toContain('("API_TOKEN", "[REDACTED]")');
    const entries = await readdir(p.dir, { withFileTypes: true, recursive: true });
    for (const entry of entries.filter((file) => file.isFile() && !file.parentPath.includes('node_modules') && !file.name.endsWith('host.mjs'))) {
      expect(await readFile(join(entry.parentPath, entry.name), 'latin1'), entry.name).not.toContain(ENV_SECRET);
    }
  });
});

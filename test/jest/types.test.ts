/**
 * The Jest matchers' types as a TypeScript user meets them: `tsc --noEmit` in
 * a project where proxy-component is installed, over a test importing `expect`
 * from `@jest/globals` and one using the `@types/jest` globals. Each fixture
 * also holds `@ts-expect-error` lines, so matchers typed too loosely fail too.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJestProject, REPO, type JestProject } from './support/jest-project.js';

const FIXTURES = join(REPO, 'test/fixtures/jest/types');
let project: JestProject;

/** A user's tsconfig for Jest tests: CommonJS output, Node's module resolution. */
function tsconfig(file: string, types: readonly string[]): string {
  return JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', types, skipLibCheck: false },
    files: [file],
  });
}

beforeAll(async () => {
  project = await createJestProject();
  await project.write('jest-globals.test.ts', await readFile(join(FIXTURES, 'jest-globals.ts.fixture'), 'utf8'));
  await project.write('types-jest.test.ts', await readFile(join(FIXTURES, 'types-jest.ts.fixture'), 'utf8'));
  await project.write('tsconfig.jest-globals.json', tsconfig('jest-globals.test.ts', ['node']));
  await project.write('tsconfig.types-jest.json', tsconfig('types-jest.test.ts', ['node', 'jest']));
});

afterAll(async () => {
  await project.remove();
});

describe('proxy-component/jest/matchers types', () => {
  it('type the matchers on expect from @jest/globals', async () => {
    const run = await project.node('node_modules/typescript/bin/tsc', ['-p', 'tsconfig.jest-globals.json']);

    expect(run.output).toBe('');
    expect(run.exitCode).toBe(0);
  });

  it('type the matchers on the @types/jest globals', async () => {
    const run = await project.node('node_modules/typescript/bin/tsc', ['-p', 'tsconfig.types-jest.json']);

    expect(run.output).toBe('');
    expect(run.exitCode).toBe(0);
  });

  it('can come from tsconfig `types` instead of an import', async () => {
    const fixture = await readFile(join(FIXTURES, 'types-jest.ts.fixture'), 'utf8');
    await project.write('listed.test.ts', fixture.replace("import type {} from 'proxy-component/jest/matchers';\n", 'export {};\n'));
    await project.write('tsconfig.listed.json', tsconfig('listed.test.ts', ['node', 'jest', 'proxy-component/jest/matchers']));

    const run = await project.node('node_modules/typescript/bin/tsc', ['-p', 'tsconfig.listed.json']);

    expect(run.output).toBe('');
    expect(run.exitCode).toBe(0);
  });

  it('are needed: without them the same test does not compile', async () => {
    const fixture = await readFile(join(FIXTURES, 'jest-globals.ts.fixture'), 'utf8');
    await project.write('bare.test.ts', fixture.replace("import type {} from 'proxy-component/jest/matchers';\n", ''));
    await project.write('tsconfig.bare.json', tsconfig('bare.test.ts', ['node']));

    const run = await project.node('node_modules/typescript/bin/tsc', ['-p', 'tsconfig.bare.json']);

    expect(run.exitCode).toBe(2);
    expect(run.output).toContain("Property 'toReplayTrace' does not exist");
    expect(run.output).toContain("Property 'toAgreeAcrossEngines' does not exist");
  });
});

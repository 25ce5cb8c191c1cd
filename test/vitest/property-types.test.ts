/**
 * `componentTest` typed from the component's WIT: with the declaration file
 * `proxy-component generate types` writes in the TypeScript program, its
 * arbitraries and calls have the exports' value types, so `x + y` compiles
 * without casts and a wrong export, parameter or argument does not; without
 * it, they are `Value`s. Checked with tsc in a fresh project that installs the
 * built package, whose test then runs under Vitest. (Build first.)
 */
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addsAnswerFixedComponent } from '../support/shapes/adds-answer-fixed.js';
import { createTraceProject, type TraceProject } from './support/trace-project.js';

const TSCONFIG = JSON.stringify({
  compilerOptions: { strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', noEmit: true, skipLibCheck: true, types: ['node'] },
  include: ['*.ts'],
});

const TEST = `import { expect } from 'vitest';
import { componentTest } from 'proxy-component/vitest/property';

const adds = componentTest('adds.wasm');

adds.prop([adds.arg('add', 'a'), adds.arg('add', 'b')])('adds up', async (x, y, component) => {
  const sum: number = x + y;
  const result: number = await component.call('add', x, y);
  expect(result).toBe(sum >>> 0);
});

adds.prop([adds.args('add')])('adds up, from its argument list', async ([a, b], component) => {
  expect(await component.call('add', a, b)).toBe((a + b) >>> 0);
});

export function misuses(): void {
  // @ts-expect-error: the component exports no \`sub\`
  adds.arg('sub', 'a');
  // @ts-expect-error: \`add\` has no parameter \`c\`
  adds.arg('add', 'c');
  // @ts-expect-error: \`add\` takes two numbers
  void adds.instance().map((component) => component.call('add', 'one', 2));
}
`;

let project: TraceProject;

beforeAll(async () => {
  project = await createTraceProject();
  await project.write('adds.wasm', await addsAnswerFixedComponent());
  await project.write('tsconfig.json', TSCONFIG);
  await project.write('adds.test.ts', TEST);
}, 60_000);

afterAll(async () => {
  await project?.remove();
});

const tsc = () => execa(process.execPath, [join(project.dir, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: project.dir, reject: false, all: true });
const cli = (...args: string[]) => execa(process.execPath, [join(project.dir, 'node_modules/proxy-component/dist/src/cli/bin.js'), ...args], { cwd: project.dir, reject: false, all: true });

describe('componentTest typed by generate types', () => {
  it('types nothing without the declarations: the arguments are Values', async () => {
    const checked = await tsc();
    expect(checked.exitCode).not.toBe(0);
    expect(checked.all).toContain("adds.test.ts(7,23): error TS2365: Operator '+' cannot be applied to types 'string | number | bigint | boolean | readonly import(");
    expect(checked.all).toContain("adds.test.ts(8,9): error TS2322: Type 'Value | undefined' is not assignable to type 'number'.");
  });

  it('types the arbitraries and calls with the declarations generate types writes: x + y compiles, misuses do not', async () => {
    const generated = await cli('generate', 'types', 'adds.wasm', '-o', 'adds.d.ts');
    expect(generated.exitCode, generated.all).toBe(0);
    expect(await project.read('adds.d.ts')).toContain('"add": { args: [a: number, b: number]; params: { readonly a: number; readonly b: number }; result: number };');

    const checked = await tsc();
    expect(checked.exitCode, checked.all).toBe(0);
    const run = await project.vitest(['run']);
    expect(run.exitCode, run.output).toBe(0);
    expect(run.output).toMatch(/Tests\s+2 passed/);
  });
});

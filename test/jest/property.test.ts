/**
 * Property tests over a component's exports with @fast-check/jest, in a plain
 * Jest project with the matchers: a property that does not hold reports its
 * shrunk counterexample with the seed and path that replay it, and both ways
 * of replaying work: `jest --seed=<seed>` (the seed is Jest's) and
 * `test.prop(arbitraries, { seed, path, endOnFailure: true })`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJestProject, type JestProject } from './support/jest-project.js';
import { writeApp } from './support/traces.js';

let project: JestProject;

/** A property of run(x) = double(x) + 1 with a wrong model: it ignores the answer the trace gives `double`. */
function propertyFile(parameters = ''): string {
  return `const { fc, test } = require('@fast-check/jest');

test.prop({ x: fc.integer({ min: 0, max: 1000 }), answer: fc.integer({ min: 0, max: 1000 }) }${parameters})('run(x) is 2x + 1', async ({ x, answer }) => {
  await expect('app.wasm').toReplayTrace(\`export run(\${x})\\n  import test:app/math.double@0.1.0(\${x}) -> \${answer}\\nreturn \${2 * x + 1}\\n\`);
});

test.prop({ x: fc.integer({ min: 0, max: 1000 }), answer: fc.integer({ min: 0, max: 1000 }) })('run(x) is double(x) + 1', async ({ x, answer }) => {
  await expect('app.wasm').toReplayTrace(\`export run(\${x})\\n  import test:app/math.double@0.1.0(\${x}) -> \${answer}\\nreturn \${answer + 1}\\n\`);
});
`;
}

beforeAll(async () => {
  project = await createJestProject({ manifest: { name: 'properties-under-jest', private: true, jest: { setupFilesAfterEnv: ['proxy-component/jest/matchers/setup'] } } });
  await writeApp(project);
  await project.write('run.test.js', propertyFile());
});

afterAll(async () => {
  await project.remove();
});

/** What fast-check reports of a failed property: its seed, path and shrunk counterexample. */
function failure(output: string): { seed: string; path: string; counterexample: string } {
  const replay = /\{ seed: (-?\d+), path: "([\d:]+)", endOnFailure: true \}/.exec(output);
  const counterexample = /Counterexample: (.*)/.exec(output);
  if (replay === null || counterexample === null) throw new Error(`no fast-check failure report in:\n${output}`);
  return { seed: replay[1] as string, path: replay[2] as string, counterexample: counterexample[1] as string };
}

describe('@fast-check/jest properties over a component', () => {
  it('report a failing property with its seed, path and counterexample, and the divergence', async () => {
    const run = await project.jest(['--show-seed']);

    expect(run.exitCode, run.output).toBe(1);
    expect(run.output).toMatch(/Tests:\s+1 failed, 1 passed, 2 total/);
    const { seed, counterexample } = failure(run.output);
    expect(run.output).toMatch(new RegExp(`Seed:\\s+${seed}`));
    expect(run.output).toContain(`run(x) is 2x + 1 (with seed=${seed})`);
    // Shrunk to a local minimum, which depends on where the random seed first failed: one of these.
    expect(['[{"x":0,"answer":1}]', '[{"x":1,"answer":0}]']).toContain(counterexample);
    // The component returns answer + 1 where the trace expects 2x + 1.
    const [{ x, answer }] = JSON.parse(counterexample) as [{ x: number; answer: number }];
    expect(run.output).toContain(`\`run\` returned ${answer + 1}, the trace expects ${2 * x + 1}`);
  });

  it('replay the same failure from the seed alone, and from seed and path', async () => {
    const first = failure((await project.jest()).output);

    const again = await project.jest([`--seed=${first.seed}`]);
    expect(failure(again.output)).toEqual(first);

    await project.write('run.test.js', propertyFile(`, { seed: ${first.seed}, path: ${JSON.stringify(first.path)}, endOnFailure: true }`));
    const replayed = await project.jest(['-t', '2x']);
    expect(replayed.exitCode, replayed.output).toBe(1);
    expect(replayed.output).toContain('Property failed after 1 tests');
    expect(failure(replayed.output).counterexample).toBe(first.counterexample);
  });
});

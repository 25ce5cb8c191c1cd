/**
 * `toAgreeAcrossEngines` as a Vitest test author uses it (registered by the
 * setup module): real components on real engines (jco here, Node 24, Bun,
 * Deno and the wasmtime CLI in subprocesses, a native module with one planted
 * difference), and generated calls (`fuzz`) on a pure component. Engines that
 * are not installed fail these tests, saying how to install them
 * (scripts/setup-engines.sh), rather than skip.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { componentEmbed, componentNew } from '@bytecodealliance/jco-transpile/wasm-tools';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../matchers/setup.js';
import { engineByName } from '../../src/engines/registry.js';
import { DEFAULT_AGREEMENT_ENGINES } from '../../src/differential/engine-agreement.js';
import { calcComponent } from '../engines/support/components.js';
import { recordedApp, removeFixtures, requireEngine, type RecordedFixture } from '../engines/support/engine-fixtures.js';
import { PURE_NATIVE, PURE_NATIVE_OFF_BY_ONE, pureComponent } from '../engines/support/pure-component.js';
import { qjsComponent } from '../engines/support/qjs-component.js';
import { handlesComponent } from '../support/shapes/fuzz-shapes.js';

/** calc's native stand-in: add(2, 2) is 5, everything else as the component. */
const NATIVE = `native:${fileURLToPath(new URL('../engines/support/calc-native.mjs', import.meta.url))}`;
const STATELESS_CALLS = ['ops.add(1, 2)', 'ops.next(18446744073709551615)', 'ops.checked-div(7, 0)', 'ops.checked-div(7, 2)', 'ops.nan()', 'ops.neg-zero()', 'crash()'];

let folder: string;
let calc: string;
let app: RecordedFixture;
let pure: string;
/** The pure component's native stand-ins: faithful, and with add one too many. */
let faithful: string;
let offByOne: string;

beforeAll(async () => {
  for (const name of DEFAULT_AGREEMENT_ENGINES) await requireEngine(engineByName(name));
  folder = await mkdtemp(join(tmpdir(), 'pc-engines-matcher-'));
  calc = join(folder, 'calc.wasm');
  await writeFile(calc, await calcComponent());
  app = await recordedApp();
  pure = join(folder, 'pure.wasm');
  await writeFile(pure, await pureComponent());
  faithful = `native:${join(folder, 'pure-native.mjs')}`;
  await writeFile(join(folder, 'pure-native.mjs'), PURE_NATIVE);
  offByOne = `native:${join(folder, 'pure-off-by-one.mjs')}`;
  await writeFile(join(folder, 'pure-off-by-one.mjs'), PURE_NATIVE_OFF_BY_ONE);
}, 120_000);

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
  await removeFixtures();
});

describe('toAgreeAcrossEngines', () => {
  it('passes when every default engine (jco, node, bun, deno, gjs, jsc, wasmtime) agrees on the calls', async () => {
    await expect({ component: calc, calls: STATELESS_CALLS }).toAgreeAcrossEngines();

    await expect(expect({ component: calc, calls: STATELESS_CALLS }).not.toAgreeAcrossEngines()).rejects.toThrow(
      `not to agree across jco, node, bun, deno, gjs, jsc and wasmtime, but they agree on all ${STATELESS_CALLS.length} export calls`,
    );
  }, 120_000);

  it('runs a trace with its import answers on every engine', async () => {
    await expect({ component: app.componentPath, trace: app.tracePath }).toAgreeAcrossEngines();
    await expect({ component: app.componentPath, trace: app.tracePath }).toAgreeAcrossEngines(['jco', 'node', 'bun', 'deno']);

    await expect(expect({ component: app.componentPath, trace: app.tracePath }).not.toAgreeAcrossEngines(['jco', 'node', 'bun', 'deno'])).rejects.toThrow(
      'not to agree across jco, node, bun and deno, but they agree on all 5 export calls',
    );
  }, 120_000);

  it('takes the trace as text, and engines as a comma-separated string', async () => {
    const text = 'export run(20)\n  import test:app/math.double(20) -> 40\nreturn 41\n';
    await expect({ component: app.componentPath, trace: text }).toAgreeAcrossEngines('jco,node');
  }, 60_000);

  it('fails with the side-by-side table and the odd one out when a native module differs', async ({ task }) => {
    const failure = expect(expect({ component: calc, calls: ['ops.add(1, 2)', 'ops.add(2, 2)'] }).toAgreeAcrossEngines(['jco', 'node', NATIVE])).rejects;

    await failure.toThrow(`to agree across jco, node and ${NATIVE} on 2 export calls, but they differ:`);
    await failure.toThrow(`✗ calls export call #2 test:calc/ops.add@0.1.0(2, 2): engines differ (outcome)\n  ${NATIVE} differs from the majority (jco, node)`);
    await failure.toThrow(/engine +│ outcome\n.*\n\s+jco +│ return 4\n\s+node +│ return 4\n\s+native:.* │ return 5/);
    // The report rides in the test's meta for proxy-component/reporter.
    expect(task.meta.proxyDifferential?.divergence?.oddOnesOut).toEqual([NATIVE]);
    delete task.meta.proxyDifferential;
  }, 60_000);

  it('leaves out, and names, a default engine that loads the component but cannot run it', async () => {
    // An export returning a `future`, which the instrumenter cannot carry: wasmtime runs none of this component.
    const later = join(folder, 'later.wasm');
    await writeFile(later, await componentNew(await componentEmbed({ dummy: true, witSource: 'package test:later;\nworld w { export ping: func() -> u32; export later: func() -> future<u32>; }', world: 'w' })));
    const outcome = expect({ component: later, calls: ['ping()'] }).not.toAgreeAcrossEngines();
    await expect(outcome).rejects.toThrow(/not run on wasmtime \(cannot run this component: cannot instrument the world-level export function `later`: it uses an async type \(`future`\)/);
    await expect(outcome).rejects.toThrow(/not to agree across jco, node, bun, deno/);
  }, 120_000);

  it('compares a component whose exports and imports carry resources on wasmtime too', async () => {
    const tally = join(folder, 'tally.wasm');
    await writeFile(tally, await qjsComponent());
    await expect({ component: tally, fuzz: 20, seed: 1 }).toAgreeAcrossEngines(['jco', 'node', 'wasmtime']);
    await expect(expect({ component: tally, fuzz: 20, seed: 1 }).not.toAgreeAcrossEngines(['jco', 'node', 'wasmtime'])).rejects.toThrow('not to agree across jco, node and wasmtime, but they agree on all 20 generated export calls');
  }, 240_000);

  it('says plainly which named engine is missing or cannot run the component, and compares the others', async () => {
    const broken = join(folder, 'broken.mjs');
    await writeFile(broken, "throw new Error('broken on purpose');\n");

    // Only jco can run it: nothing to compare, which is neither a pass nor a divergence.
    const alone = expect(expect({ component: calc, calls: ['ops.add(1, 2)'] }).toAgreeAcrossEngines(['jco', `native:${broken}`, 'native:/nowhere/impl.mjs'])).rejects;
    await alone.toThrow('toAgreeAcrossEngines found only jco able to run the component (');
    await alone.toThrow(`native:${broken} could not run it: cannot run the component: ${broken}:1:7: cannot load the native module ${broken}: broken on purpose`);
    await alone.toThrow('native:/nowhere/impl.mjs could not run it: missing: /nowhere/impl.mjs does not exist');

    // Two can: they are compared, and the one that could not is named, not counted as a divergence.
    await expect(expect({ component: calc, calls: ['ops.add(1, 2)'] }).not.toAgreeAcrossEngines(['jco', 'node', `native:${broken}`])).rejects.toThrow(
      `but they agree on all 1 export call\n(native:${broken} could not run it: cannot run the component: ${broken}:1:7: cannot load the native module ${broken}: broken on purpose)`,
    );
  }, 60_000);

  it('refuses a subject without calls, a single engine and unknown engines', async () => {
    await expect(expect(calc).toAgreeAcrossEngines()).rejects.toThrow(
      'toAgreeAcrossEngines expects { component, trace }, { component, calls } or { component, fuzz } as the received value, got a path alone',
    );
    await expect(expect({ component: calc }).toAgreeAcrossEngines()).rejects.toThrow('got none of `trace`, `calls` and `fuzz`');
    await expect(expect({ component: calc, calls: ['add(1, 2)'], trace: 'x.trace' }).toAgreeAcrossEngines()).rejects.toThrow('got both `trace` and `calls`');
    await expect(expect({ component: calc, calls: ['ops.add(1)'] }).toAgreeAcrossEngines(['jco', 'node'])).rejects.toThrow('add');
    await expect(expect({ component: calc, calls: ['nope()'] }).toAgreeAcrossEngines(['jco', 'node'])).rejects.toThrow('unknown function `nope`');
    await expect(expect({ component: calc, calls: ['crash()'] }).toAgreeAcrossEngines(['jco'])).rejects.toThrow('compares two or more engines, got only jco');
    await expect(expect({ component: calc, calls: ['crash()'] }).toAgreeAcrossEngines(['jco', 'v8'])).rejects.toThrow('unknown engine `v8`');
  });

  it('refuses a fuzz count that is not one or more, a seed that is not an integer or comes without fuzz', async () => {
    await expect(expect({ component: pure, fuzz: 0 }).toAgreeAcrossEngines(['jco', faithful])).rejects.toThrow('got a `fuzz` that is not a count of calls (1 or more): 0');
    await expect(expect({ component: pure, fuzz: 2.5 }).toAgreeAcrossEngines(['jco', faithful])).rejects.toThrow('got a `fuzz` that is not a count of calls (1 or more): 2.5');
    await expect(expect({ component: pure, fuzz: 3, seed: 'x' }).toAgreeAcrossEngines(['jco', faithful])).rejects.toThrow('got a `seed` that is not an integer: x');
    await expect(expect({ component: pure, calls: ['add(1, 2)'], seed: 3 }).toAgreeAcrossEngines(['jco', faithful])).rejects.toThrow('got a `seed` without `fuzz`');
    await expect(expect({ component: pure, calls: ['add(1, 2)'], fuzz: 3 }).toAgreeAcrossEngines(['jco', faithful])).rejects.toThrow('got both `calls` and `fuzz`');
  });

  it('is typed: engines are names', async () => {
    // @ts-expect-error engines are names, not numbers
    await expect(expect({ component: calc, calls: ['crash()'] }).toAgreeAcrossEngines(2)).rejects.toThrow();
  });
});

/** The report's lines without timings (which differ from run to run). */
function withoutTimings(message: string): string[] {
  return message.split('\n').filter((line) => !/\d+ ms/.test(line));
}

async function failureOf(assertion: Promise<void>): Promise<string> {
  return assertion.then(
    () => expect.fail('expected the engines to disagree'),
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
}

describe('toAgreeAcrossEngines on generated calls ({ component, fuzz, seed? })', () => {
  it('passes on a pure component where every default engine agrees, and names the seed of the calls it ran', async () => {
    await expect({ component: pure, fuzz: 30 }).toAgreeAcrossEngines();

    await expect(expect({ component: pure, fuzz: 30, seed: 7 }).not.toAgreeAcrossEngines()).rejects.toThrow(
      'not to agree across jco, node, bun, deno, gjs, jsc and wasmtime, but they agree on all 30 generated export calls (seed 7: replay with { fuzz: 30, seed: 7 })',
    );
  }, 180_000);

  it('agrees with a faithful native stand-in whatever the seed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer(), async (seed) => {
        await expect({ component: pure, fuzz: 20, seed }).toAgreeAcrossEngines(['jco', faithful]);
      }),
      { numRuns: 8 },
    );
  }, 60_000);

  it('generates calls of a component whose exports use resources, with handles that exist', async () => {
    const handles = join(folder, 'handles.wasm');
    await writeFile(handles, await handlesComponent());
    await expect({ component: handles, fuzz: 20, seed: 3 }).toAgreeAcrossEngines(['jco', 'node']);
  }, 60_000);

  it('fails on a planted difference with the seed, and that seed replays the same difference', async ({ task }) => {
    const engines = ['jco', 'node', offByOne];

    const found = await failureOf(expect({ component: pure, fuzz: 60 }).toAgreeAcrossEngines(engines));
    const seed = Number(/on 60 generated export calls \(seed (\d+): replay with \{ fuzz: 60, seed: \1 \}\), but they differ:/.exec(found)?.[1]);
    expect(found).toContain(`${offByOne} differs from the majority (jco, node)`);
    expect(found).toMatch(new RegExp(`✗ fuzz seed ${seed} export call #\\d+ add\\(\\d+, \\d+\\): engines differ \\(outcome\\)`));
    expect(task.meta.proxyDifferential?.divergence?.oddOnesOut).toEqual([offByOne]);

    const replayed = await failureOf(expect({ component: pure, fuzz: 60, seed }).toAgreeAcrossEngines(engines));
    expect(withoutTimings(replayed)).toEqual(withoutTimings(found));
    delete task.meta.proxyDifferential;
  }, 120_000);
});

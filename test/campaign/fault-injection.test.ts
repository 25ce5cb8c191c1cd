/**
 * The campaign finds, shrinks and names a bug: an engine wrapper around jco
 * that corrupts one kind of value on the way back (every u16 of 1000 or more
 * comes back with its lowest bit flipped, wherever it is nested) must be
 * reported as the engine that is wrong, on a minimal case: one function, one
 * call, the smallest value that still triggers it (1000), with jco right;
 * the same for import arguments (import-echo), for arguments corrupted on
 * the way in (a checksum function sees them), for a resource's getters, and
 * for method calls of an imported resource that reach the wrong instance.
 */
import { describe, expect, it } from 'vitest';
import { runBindingsCampaign } from '../../src/campaign/campaign.js';
import type { FunctionKind } from '../../src/campaign/bindings-case.js';
import type { Finding } from '../../src/campaign/report.js';
import type { Engine, EngineOutcome } from '../../src/engines/engine.js';
import { jcoEngine } from '../../src/engines/in-process/jco-engine.js';
import { ResourceHandle, type CaseValue, type RecordValue, type Value } from '../../src/values/value.js';
import type { WitType } from '../../src/wit/types.js';
import { faultyJco } from '../support/faulty-jco.js';

function corrupt(value: Value, type: WitType): Value {
  switch (type.kind) {
    case 'u16':
      return (value as number) >= 1000 ? (value as number) ^ 1 : value;
    case 'list':
      return (value as readonly Value[]).map((item) => corrupt(item, type.element));
    case 'tuple':
      return (value as readonly Value[]).map((item, i) => corrupt(item, type.elements[i] as WitType));
    case 'record':
      return Object.fromEntries(type.fields.map((field) => [field.name, corrupt((value as RecordValue)[field.name] as Value, field.type)]));
    case 'variant':
    case 'option':
    case 'result': {
      const { tag, value: payload } = value as CaseValue;
      const payloadType = type.kind === 'option' ? type.some : type.kind === 'result' ? (tag === 'ok' ? type.ok : type.err) : type.cases.find((c) => c.name === tag)?.type;
      return payload === undefined || payloadType === undefined ? value : { tag, value: corrupt(payload, payloadType) };
    }
    default:
      return value;
  }
}

const faulty = faultyJco('faulty', 'jco, with u16 values of 1000 or more corrupted on the way back', {
  reports: (reports, calls) =>
    reports.map((report, i) => {
      const result = calls[i]?.function.function.result;
      const outcome: EngineOutcome =
        report.outcome.kind === 'return' && report.outcome.value !== undefined && result !== undefined ? { kind: 'return', value: corrupt(report.outcome.value, result) } : report.outcome;
      return { ...report, outcome };
    }),
});

/** jco, reporting every import call with its first argument corrupted (as if the bindings lifted it wrongly). */
const faultyImports = faultyJco('faulty-imports', 'jco, with the import arguments it reports corrupted', {
  reports: (reports) =>
    reports.map((report) => ({
      ...report,
      imports: report.imports?.map((observed) => ({ ...observed, args: observed.args.map((arg, i) => (i === 0 ? corrupt(arg, observed.function.function.params[0]?.type as WitType) : arg)) })),
    })),
});

/**
 * jco, as if its handle table mapped every handle of an imported resource to
 * the first instance it made (the G012 class of jco bugs): each import call
 * reported with every handle argument replaced by the run's first host handle.
 */
const firstInstance = faultyJco('first-instance', 'jco, with every imported handle it reports mapped to the first instance', {
  reports: (reports) => {
    let first: ResourceHandle | undefined;
    return reports.map((report) => ({
      ...report,
      imports: report.imports?.map((observed) => ({
        ...observed,
        args: observed.args.map((arg) => {
          if (!(arg instanceof ResourceHandle)) return arg;
          first ??= arg;
          return first;
        }),
      })),
    }));
  },
});

/** jco, given every argument corrupted (as if the bindings lowered it wrongly): an echo would hide nothing, a checksum sees it. */
const faultyLowering = faultyJco('faulty-lowering', 'jco, with u16 arguments of 1000 or more corrupted on the way in', {
  calls: (calls) => calls.map((call) => ({ ...call, args: call.args.map((arg, i) => corrupt(arg, call.function.function.params[i]?.type as WitType)) })),
});

/** The one finding a campaign of `count` cases of `kinds` (seed 7) makes with jco and `engine`, confirmed on a fresh run. */
async function onlyFinding(engine: Engine, kinds: FunctionKind[], count = 10): Promise<Finding> {
  const report = await runBindingsCampaign({ engines: [jcoEngine, engine], count, seed: 7, generator: { encodings: ['utf8'], kinds }, shrinkTimeMs: 30_000 });
  expect(report.findings).toHaveLength(1);
  const finding = report.findings[0] as Finding;
  expect(finding.confirmed).toBe(true);
  return finding;
}

describe('a campaign with a faulty engine', () => {
  it('finds the fault, shrinks it to one u16 call of 1000, confirms it and names the faulty engine', async () => {
    const finding = await onlyFinding(faulty, ['echo', 'import-echo']);
    expect(finding?.engines).toEqual(['faulty']);
    expect(finding?.failure).toBe('wrong value');
    expect(finding?.shrunk.functions).toHaveLength(1);
    expect(finding?.shrunk.calls).toHaveLength(1);
    expect(finding?.call).toBe('f0(p0: 1000)');
    expect(finding?.expected).toBe('1000');
    expect(finding?.wit).toContain('export %f0: func(p0: u16) -> u16;');
    expect(finding?.outcomes).toEqual([
      { engine: 'jco', outcome: '1000', correct: true },
      { engine: 'faulty', outcome: '1001', correct: false },
    ]);
  });

  it('checks the arguments an import-echo passes to its import, and names the engine that reports them wrong', async () => {
    const finding = await onlyFinding(faultyImports, ['import-echo']);
    expect(finding?.engines).toEqual(['faulty-imports']);
    expect(finding?.failure).toBe('wrong import calls');
    expect(finding?.call).toBe('f0(p0: 1000)');
    expect(finding?.wit).toContain('import %host-f0: func(p0: u16) -> u16;');
    expect(finding?.outcomes).toEqual([
      { engine: 'jco', outcome: '1000', correct: true },
      { engine: 'faulty-imports', outcome: 'returned right, but its import calls were host-f0(p0: 1001) (planned: host-f0(p0: 1000))', correct: false },
    ]);
  });

  it('checks lowering without an echo: a checksum function finds arguments corrupted on the way in', async () => {
    const finding = await onlyFinding(faultyLowering, ['checksum']);
    expect(finding?.engines).toEqual(['faulty-lowering']);
    expect(finding?.failure).toBe('wrong value');
    expect(finding?.call).toBe('f0(p0: 1000)');
    expect(finding?.wit).toContain('export %f0: func(p0: u16) -> u64;');
    expect(finding?.outcomes.map((o) => o.correct)).toEqual([true, false]);
    expect(finding?.outcomes[0]?.outcome).toBe(finding?.expected);
  });

  it('reads a resource back through its method, a borrow and an own: a wrong getter is found on the minimal resource', async () => {
    const finding = await onlyFinding(faulty, ['resource']);
    expect(finding?.engines).toEqual(['faulty']);
    expect(finding?.calls).toEqual([
      'test:campaign/res.[constructor]f0(p0: 1000)',
      'test:campaign/res.[method]f0.get(self: #1)',
      'test:campaign/res.peek-f0(r: #1)',
      'test:campaign/res.take-f0(r: #1)',
      'test:campaign/res.dropped-f0()',
    ]);
    expect(finding?.call).toBe('test:campaign/res.[method]f0.get(self: #1)');
    expect(finding?.wit).toContain('resource %f0 { constructor(p0: u16); get: func() -> u16; }');
    expect(finding?.outcomes).toEqual([
      { engine: 'jco', outcome: '1000', correct: true },
      { engine: 'faulty', outcome: '1001', correct: false },
    ]);
  });

  it('checks which instance each method call of an imported resource reaches: a table mapping every handle to the first is found', async () => {
    const finding = await onlyFinding(firstInstance, ['import-resource'], 6);
    expect(finding?.engines).toEqual(['first-instance']);
    expect(finding?.failure).toBe('wrong import calls');
    // The smallest case that shows it: one call, whose host-made handle passed as `own` (#2) reaches the first instance (#1).
    expect(finding?.shrunk.calls).toEqual([{ function: 0, args: [false] }]);
    expect(finding?.call).toBe('pass-f0(r: #2)');
    expect(finding?.wit).toContain('resource %f0 { constructor(p0: bool); get: func() -> bool; }');
    expect(finding?.outcomes[0]).toEqual({ engine: 'jco', outcome: finding?.expected, correct: true });
    expect(finding?.outcomes[1]?.outcome).toMatch(/^returned right, but its import calls were .*\[method\]f0\.get\(self: #1\).*\(planned: .*\[method\]f0\.get\(self: #[2-9]\)/);
  });
});

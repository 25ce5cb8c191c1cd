/**
 * The campaign finds, shrinks and names a bug: an engine wrapper around jco
 * that corrupts one kind of value on the way back (every u16 of 1000 or more
 * comes back with its lowest bit flipped, wherever it is nested) must be
 * reported as the engine that is wrong, on a minimal case: one function, one
 * call, the smallest value that still triggers it (1000), with jco right;
 * the same for import arguments (import-echo), for arguments corrupted on
 * the way in (a checksum function sees them) and for a resource's getters.
 */
import { describe, expect, it } from 'vitest';
import { runBindingsCampaign } from '../../src/campaign/campaign.js';
import type { Engine, EngineOutcome } from '../../src/engines/engine.js';
import { jcoEngine } from '../../src/engines/in-process/jco-engine.js';
import type { CaseValue, RecordValue, Value } from '../../src/values/value.js';
import type { WitType } from '../../src/wit/types.js';

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

const faulty: Engine = {
  name: 'faulty',
  description: 'jco, with u16 values of 1000 or more corrupted on the way back',
  status: () => jcoEngine.status(),
  async load(component) {
    const loaded = await jcoEngine.load(component);
    return {
      world: loaded.world,
      async run(calls, options) {
        const run = await loaded.run(calls, options);
        const reports = run.calls.map((report, i) => {
          const result = calls[i]?.function.function.result;
          const outcome: EngineOutcome =
            report.outcome.kind === 'return' && report.outcome.value !== undefined && result !== undefined ? { kind: 'return', value: corrupt(report.outcome.value, result) } : report.outcome;
          return { ...report, outcome };
        });
        return { ...run, engine: 'faulty', calls: reports };
      },
    };
  },
};

/** jco, reporting every import call with its first argument corrupted (as if the bindings lifted it wrongly). */
const faultyImports: Engine = {
  name: 'faulty-imports',
  description: 'jco, with the import arguments it reports corrupted',
  status: () => jcoEngine.status(),
  async load(component) {
    const loaded = await jcoEngine.load(component);
    return {
      world: loaded.world,
      async run(calls, options) {
        const run = await loaded.run(calls, options);
        const reports = run.calls.map((report) => ({
          ...report,
          imports: report.imports?.map((observed) => ({ ...observed, args: observed.args.map((arg, i) => (i === 0 ? corrupt(arg, observed.function.function.params[0]?.type as WitType) : arg)) })),
        }));
        return { ...run, engine: 'faulty-imports', calls: reports };
      },
    };
  },
};

/** jco, given every argument corrupted (as if the bindings lowered it wrongly): an echo would hide nothing, a checksum sees it. */
const faultyLowering: Engine = {
  name: 'faulty-lowering',
  description: 'jco, with u16 arguments of 1000 or more corrupted on the way in',
  status: () => jcoEngine.status(),
  async load(component) {
    const loaded = await jcoEngine.load(component);
    return {
      world: loaded.world,
      async run(calls, options) {
        const corrupted = calls.map((call) => ({ ...call, args: call.args.map((arg, i) => corrupt(arg, call.function.function.params[i]?.type as WitType)) }));
        return { ...(await loaded.run(corrupted, options)), engine: 'faulty-lowering' };
      },
    };
  },
};

describe('a campaign with a faulty engine', () => {
  it('finds the fault, shrinks it to one u16 call of 1000, confirms it and names the faulty engine', async () => {
    const report = await runBindingsCampaign({
      engines: [jcoEngine, faulty],
      count: 10,
      seed: 7,
      generator: { encodings: ['utf8'], kinds: ['echo', 'import-echo'] },
      shrinkTimeMs: 30_000,
    });
    expect(report.findings).toHaveLength(1);
    const finding = report.findings[0];
    expect(finding?.engines).toEqual(['faulty']);
    expect(finding?.failure).toBe('wrong value');
    expect(finding?.confirmed).toBe(true);
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
    const report = await runBindingsCampaign({
      engines: [jcoEngine, faultyImports],
      count: 10,
      seed: 7,
      generator: { encodings: ['utf8'], kinds: ['import-echo'] },
      shrinkTimeMs: 30_000,
    });
    expect(report.findings).toHaveLength(1);
    const finding = report.findings[0];
    expect(finding?.engines).toEqual(['faulty-imports']);
    expect(finding?.failure).toBe('wrong import arguments');
    expect(finding?.confirmed).toBe(true);
    expect(finding?.call).toBe('f0(p0: 1000)');
    expect(finding?.wit).toContain('import %host-f0: func(p0: u16) -> u16;');
    expect(finding?.outcomes).toEqual([
      { engine: 'jco', outcome: '1000', correct: true },
      { engine: 'faulty-imports', outcome: 'returned right, but its import was called host-f0(p0: 1001)', correct: false },
    ]);
  });

  it('checks lowering without an echo: a checksum function finds arguments corrupted on the way in', async () => {
    const report = await runBindingsCampaign({
      engines: [jcoEngine, faultyLowering],
      count: 10,
      seed: 7,
      generator: { encodings: ['utf8'], kinds: ['checksum'] },
      shrinkTimeMs: 30_000,
    });
    expect(report.findings).toHaveLength(1);
    const finding = report.findings[0];
    expect(finding?.engines).toEqual(['faulty-lowering']);
    expect(finding?.failure).toBe('wrong value');
    expect(finding?.confirmed).toBe(true);
    expect(finding?.call).toBe('f0(p0: 1000)');
    expect(finding?.wit).toContain('export %f0: func(p0: u16) -> u64;');
    expect(finding?.outcomes.map((o) => o.correct)).toEqual([true, false]);
    expect(finding?.outcomes[0]?.outcome).toBe(finding?.expected);
  });

  it('reads a resource back through its method, a borrow and an own: a wrong getter is found on the minimal resource', async () => {
    const report = await runBindingsCampaign({
      engines: [jcoEngine, faulty],
      count: 10,
      seed: 7,
      generator: { encodings: ['utf8'], kinds: ['resource'] },
      shrinkTimeMs: 30_000,
    });
    expect(report.findings).toHaveLength(1);
    const finding = report.findings[0];
    expect(finding?.engines).toEqual(['faulty']);
    expect(finding?.confirmed).toBe(true);
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
});

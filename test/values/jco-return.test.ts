/**
 * jco's top-level result conventions, through real transpiled components:
 * whatever an import implementation returns or throws, fromJcoReturn /
 * fromJcoThrown on the import side must read the same Value that the
 * component received, which the echo export hands back to the caller, read
 * there with the export-side conventions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toJco } from '../../src/values/jco.js';
import { JcoResultError, fromJcoReturn, fromJcoThrown, toJcoReturn, wholeResultTags, type JcoSide } from '../../src/values/jco-return.js';
import type { Value } from '../../src/values/value.js';
import type { ResultType, WitType } from '../../src/wit/types.js';
import { buildEchoComponent, cleanUpComponents, echoExport, echoImports, type JcoExports } from '../support/echo-component.js';

const u8: WitType = { kind: 'u8' };
const u32: WitType = { kind: 'u32' };
const string: WitType = { kind: 'string' };

const TYPES = {
  plain: { kind: 'result', ok: u32, err: string },
  bare: { kind: 'result' },
  nested: { kind: 'result', ok: { kind: 'result', ok: u32, err: string }, err: string },
  okAndErrCases: { kind: 'result', ok: { kind: 'variant', cases: [{ name: 'ok', type: u8 }, { name: 'err' }] }, err: string },
  okCase: { kind: 'result', ok: { kind: 'variant', cases: [{ name: 'ok', type: u8 }, { name: 'y' }] }, err: string },
  errOnly: { kind: 'result', err: string },
  tagField: { kind: 'result', ok: { kind: 'record', fields: [{ name: 'tag', type: string }] }, err: u8 },
  recordErr: { kind: 'result', ok: u8, err: { kind: 'record', fields: [{ name: 'payload', type: u8 }] } },
  notResult: u32,
} satisfies Record<string, WitType>;
type Name = keyof typeof TYPES;
const NAMES = Object.keys(TYPES) as Name[];

/** What each host import does, per test; the export echoes what the component got. */
let behaviour: () => unknown = () => undefined;
const components: Record<'unwrapped' | 'wrapped', JcoExports> = { unwrapped: {}, wrapped: {} };

beforeAll(async () => {
  const types = NAMES.map((name) => TYPES[name]);
  const imports = echoImports(types.length, () => behaviour());
  components.unwrapped = await (await buildEchoComponent(types)).instantiate(imports);
  components.wrapped = await (await buildEchoComponent(types, { noComponentErrorWrapping: false })).instantiate(imports);
});

afterAll(cleanUpComponents);

type Read = { value: Value | undefined } | { propagated: unknown };

/** Runs a JS function and reads its outcome with the conventions of `side`. */
function read(fn: () => unknown, type: WitType, side: JcoSide, componentErrorWrapping = false): Read {
  let returned: unknown;
  try {
    returned = fn();
  } catch (thrown) {
    try {
      return { value: fromJcoThrown(thrown, type, side, undefined, { componentErrorWrapping }) };
    } catch (rethrown) {
      expect(rethrown).toBe(thrown);
      return { propagated: thrown };
    }
  }
  return { value: fromJcoReturn(returned, type, side) };
}

/** A valid argument for each echo function; the host ignores it. */
const ARGUMENTS: Record<Name, Value> = {
  plain: { tag: 'ok', value: 0 },
  bare: { tag: 'ok' },
  nested: { tag: 'ok', value: { tag: 'ok', value: 0 } },
  okAndErrCases: { tag: 'ok', value: { tag: 'err' } },
  okCase: { tag: 'ok', value: { tag: 'y' } },
  errOnly: { tag: 'ok' },
  tagField: { tag: 'err', value: 0 },
  recordErr: { tag: 'ok', value: 0 },
  notResult: 0,
};

/** The host behaviour read on the import side, and what came out of the component read on the export side. */
function check(name: Name, host: () => unknown, mode: 'unwrapped' | 'wrapped'): { importSide: Read; exportSide: Read } {
  const type = TYPES[name];
  const importSide = read(host, type, 'import');
  behaviour = host;
  const arg = toJco(ARGUMENTS[name], type);
  const exportSide = read(() => echoExport(components[mode], NAMES.indexOf(name))(arg), type, 'export', mode === 'wrapped');
  return { importSide, exportSide };
}

function expectSame(name: Name, host: () => unknown, expected: Value | 'propagates', mode: 'unwrapped' | 'wrapped' = 'unwrapped'): void {
  const { importSide, exportSide } = check(name, host, mode);
  if (expected === 'propagates') {
    expect('propagated' in importSide && 'propagated' in exportSide, `${name}: both propagate`).toBe(true);
  } else {
    expect(importSide).toStrictEqual({ value: expected });
    expect(exportSide).toStrictEqual({ value: expected });
  }
}

describe('top-level result conventions of jco-transpile 0.15', () => {
  it('an export returns the ok payload and throws the raw err payload by default', () => {
    expectSame('plain', () => 5, { tag: 'ok', value: 5 });
    expectSame('plain', () => {
      throw 'bad';
    }, { tag: 'err', value: 'bad' });
    expectSame('recordErr', () => ({ tag: 'err', val: { payload: 3 } }), { tag: 'err', value: { payload: 3 } });
  });

  it('a result without payloads returns undefined for ok and throws undefined for err', () => {
    behaviour = () => {
      throw new JcoResultError(undefined);
    };
    let thrown: unknown = 'nothing thrown';
    try {
      echoExport(components.unwrapped, NAMES.indexOf('bare'))({ tag: 'ok', val: undefined });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeUndefined();
    expectSame('bare', () => undefined, { tag: 'ok' });
    expectSame('bare', () => {
      throw undefined;
    }, { tag: 'err' });
  });

  it('with noComponentErrorWrapping off an export throws a ComponentError whose own payload is the err', () => {
    behaviour = () => {
      throw 'wrapped';
    };
    let thrown: unknown;
    try {
      echoExport(components.wrapped, NAMES.indexOf('plain'))({ tag: 'ok', val: 1 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect(Object.hasOwn(thrown as object, 'payload')).toBe(true);
    expect((thrown as { payload: unknown }).payload).toBe('wrapped');
    expectSame('plain', () => 6, { tag: 'ok', value: 6 }, 'wrapped');
    expectSame('bare', () => {
      throw undefined;
    }, { tag: 'err' }, 'wrapped');
  });

  it('an import may throw an object with an own payload, or return { tag: "err", val } when jco checks that tag', () => {
    expectSame('plain', () => {
      throw Object.assign(new Error('x'), { payload: 'via payload' });
    }, { tag: 'err', value: 'via payload' });
    expectSame('plain', () => ({ tag: 'err', val: 'tagged' }), { tag: 'err', value: 'tagged' });
    expectSame('errOnly', () => ({ tag: 'ok', val: 'ignored' }), { tag: 'ok' });
    expectSame('okCase', () => ({ tag: 'ok', val: 4 }), { tag: 'ok', value: { tag: 'ok', value: 4 } });
    expectSame('okCase', () => ({ tag: 'err', val: 'e' }), { tag: 'err', value: 'e' });
  });

  it('jco does not look for a whole result where the ok payload itself may carry that tag', () => {
    expectSame('nested', () => ({ tag: 'ok', val: 7 }), { tag: 'ok', value: { tag: 'ok', value: 7 } });
    expectSame('nested', () => ({ tag: 'err', val: 'inner' }), { tag: 'ok', value: { tag: 'err', value: 'inner' } });
    expectSame('okAndErrCases', () => ({ tag: 'err' }), { tag: 'ok', value: { tag: 'err' } });
    expectSame('tagField', () => ({ tag: 'err' }), { tag: 'ok', value: { tag: 'err' } });
    expect([...wholeResultTags(TYPES.nested as ResultType)]).toStrictEqual([]);
    expect([...wholeResultTags(TYPES.okCase as ResultType)]).toStrictEqual(['err']);
    expect([...wholeResultTags(TYPES.plain as ResultType)]).toStrictEqual(['ok', 'err']);
  });

  it('a thrown Error without payload is no err: it propagates out of import and export alike', () => {
    expectSame('plain', () => {
      throw new TypeError('host bug');
    }, 'propagates');
    expectSame('notResult', () => {
      throw 'anything';
    }, 'propagates');
  });

  it('toJcoReturn produces what an import implementation must return or throw for every result Value', () => {
    const cases: [Name, Value][] = [
      ['plain', { tag: 'ok', value: 1 }],
      ['plain', { tag: 'err', value: 'e' }],
      ['bare', { tag: 'ok' }],
      ['bare', { tag: 'err' }],
      ['nested', { tag: 'ok', value: { tag: 'err', value: 'inner' } }],
      ['okAndErrCases', { tag: 'ok', value: { tag: 'err' } }],
      ['okCase', { tag: 'ok', value: { tag: 'ok', value: 2 } }],
      ['tagField', { tag: 'ok', value: { tag: 'ok' } }],
      ['notResult', 12],
    ];
    for (const [name, value] of cases) {
      const outcome = toJcoReturn(value, TYPES[name]);
      const host = (): unknown => {
        if (outcome.kind === 'throw') throw outcome.error;
        return outcome.value;
      };
      for (const mode of ['unwrapped', 'wrapped'] as const) expectSame(name, host, value, mode);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { MAX_NAME_LENGTH, safeTestName, uniqueTestNames } from '../../src/trace-tests/test-names.js';

describe('safeTestName', () => {
  it('keeps a call as written, with quotes and backslashes replaced', () => {
    expect(safeTestName('count-words("doc")')).toBe("count-words('doc')");
    expect(safeTestName('greet("a\\nb")')).toBe("greet('a∖nb')");
  });

  it('shortens a very long call with an ellipsis', () => {
    const name = safeTestName(`f("${'x'.repeat(500)}")`);
    expect([...name]).toHaveLength(MAX_NAME_LENGTH);
    expect(name.endsWith('…')).toBe(true);
  });

  test.prop([fc.string({ unit: 'binary', maxLength: 300 })])('never contains " or \\, nor more than the maximum length', (text) => {
    const name = safeTestName(text);
    expect(name).not.toMatch(/["\\]/);
    expect([...name].length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
  });

  test.prop([fc.string({ maxLength: MAX_NAME_LENGTH }).filter((text) => !/["\\]/.test(text))])('leaves a short, safe call unchanged', (text) => {
    expect(safeTestName(text)).toBe(text);
  });
});

describe('uniqueTestNames', () => {
  it('numbers repeated calls from the second one', () => {
    expect(uniqueTestNames(['inc()', 'get()', 'inc()', 'inc()'])).toEqual(['inc()', 'get()', 'inc() #2', 'inc() #3']);
  });

  test.prop([fc.array(fc.constantFrom('a()', 'b("x")', 'a() #2', 'b(\'x\')', 'c()'), { maxLength: 30 })])(
    'gives one distinct, safe name per call, in order',
    (calls) => {
      const names = uniqueTestNames(calls);
      expect(names).toHaveLength(calls.length);
      expect(new Set(names).size).toBe(names.length);
      names.forEach((name, i) => expect(name.startsWith(safeTestName(calls[i] as string))).toBe(true));
    },
  );
});

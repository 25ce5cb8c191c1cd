/**
 * Known differences: each matcher explains the real difference it names
 * (from real runs: live where the difference does not depend on which
 * python3 is installed, captured otherwise) and nothing else.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { closeNumbers, explain, JAVASCRIPT_KNOWN_DIFFERENCES, PYTHON_KNOWN_DIFFERENCES, type DivergenceFacts } from '../../src/interpreters/explain.js';
import { LANGUAGES } from '../../src/interpreters/languages.js';
import { normaliseResult, type InterpreterResult } from '../../src/interpreters/normalise.js';
import { BUILD_TIMEOUT_MS, interpreterComponent } from './support/components.js';
import { componentResults, nativeResults } from './support/run.js';

const python = LANGUAGES.python;

beforeAll(() => interpreterComponent(python), BUILD_TIMEOUT_MS);

function traceback(line: number, error: string, output = ''): InterpreterResult {
  return { ok: false, output, error: `Traceback (most recent call last):\n  File "<program>", line ${line}, in <module>\n${error}\n` };
}

function facts(program: string, ...results: InterpreterResult[]): DivergenceFacts {
  return { program, sides: results.map((result, index) => ({ engines: [index === 0 ? 'jco' : 'native'], result })) };
}

/** The component's and the native interpreter's normalised results of one program, as a campaign compares them. */
async function bothSides(program: string): Promise<DivergenceFacts> {
  const [component] = await componentResults(python, [program]);
  const [native] = await nativeResults(python, [program]);
  return facts(program, normaliseResult(component as InterpreterResult, python.rules).value, normaliseResult(native as InterpreterResult, python.rules).value);
}

describe('Python known differences', () => {
  it('index-size: the component is a 32-bit CPython, so 2**31 is no index there (live)', async () => {
    const found = await bothSides('xs = [1]\nprint(xs[2147483648])\n');

    expect(found.sides[0]?.result?.error).toContain("IndexError: cannot fit 'int' into an index-sized integer");
    expect(found.sides[1]?.result?.error).toContain('IndexError: list index out of range');
    expect(explain(found, PYTHON_KNOWN_DIFFERENCES)?.name).toBe('index-size');
  });

  it('errno-numbering: a float overflow reports ERANGE as WASI numbers it (live)', async () => {
    const found = await bothSides('print(2.0 ** 5000.0)\n');

    expect(found.sides[0]?.result?.error).toContain("OverflowError: (68, 'Result not representable')");
    expect(found.sides[1]?.result?.error).toContain("OverflowError: (34, 'Numerical result out of range')");
    expect(explain(found, PYTHON_KNOWN_DIFFERENCES)?.name).toBe('errno-numbering');
  });

  it('zero-division-wording and math-domain-wording: CPython 3.14 against an older python3 (captured from 3.14.0 and 3.11.7)', () => {
    const division = facts('a = 0\na += (0 // a)\n', traceback(2, 'ZeroDivisionError: division by zero'), traceback(2, 'ZeroDivisionError: integer division or modulo by zero'));
    const modulo = facts('a = 0\nprint(a % a)\n', traceback(2, 'ZeroDivisionError: division by zero'), traceback(2, 'ZeroDivisionError: integer modulo by zero'));
    const domain = facts('import math\nprint(math.sqrt((-1.5)))\n', traceback(2, 'ValueError: expected a nonnegative input, got -1.5'), traceback(2, 'ValueError: math domain error'));

    expect(explain(division, PYTHON_KNOWN_DIFFERENCES)?.name).toBe('zero-division-wording');
    expect(explain(modulo, PYTHON_KNOWN_DIFFERENCES)?.name).toBe('zero-division-wording');
    expect(explain(domain, PYTHON_KNOWN_DIFFERENCES)?.name).toBe('math-domain-wording');
  });

  it('explains nothing else: another error, another line, other output before the error, one side that did not fail', () => {
    const zero = traceback(2, 'ZeroDivisionError: division by zero');
    const cases = [
      facts('', zero, traceback(2, 'ValueError: math domain error')),
      facts('', zero, traceback(3, 'ZeroDivisionError: integer division or modulo by zero')),
      facts('', traceback(2, 'ZeroDivisionError: division by zero', '1\n'), traceback(2, 'ZeroDivisionError: integer division or modulo by zero', '2\n')),
      facts('', zero, { ok: true, output: '0\n', error: '' }),
      facts('', traceback(2, "IndexError: cannot fit 'int' into an index-sized integer"), traceback(2, 'IndexError: list index out of range', 'more\n')),
    ];

    for (const divergence of cases) expect(explain(divergence, PYTHON_KNOWN_DIFFERENCES)).toBeUndefined();
  });
});

describe('libm-rounding', () => {
  const printed = (output: string): InterpreterResult => ({ ok: true, output, error: '' });

  it('explains results of sin, exp or log that differ in their last bits', () => {
    const found = facts('console.log(String(Math.sin(f)));\n', printed('0.8414709848078965\n'), printed('0.8414709848078966\n'));

    expect(explain(found, JAVASCRIPT_KNOWN_DIFFERENCES)?.name).toBe('libm-rounding');
  });

  it('does not explain a result further off, another number, or a program calling no libm function', () => {
    const far = facts('console.log(String(Math.sin(f)));\n', printed('0.8414709848078965\n'), printed('0.8414709848\n'));
    const counted = facts('console.log(String(Math.exp(f)));\nconsole.log(String(a));\n', printed('2.718281828459045\n3\n'), printed('2.7182818284590455\n4\n'));
    const noLibm = facts('console.log(String(f * g));\n', printed('0.30000000000000004\n'), printed('0.30000000000000000\n'));

    for (const divergence of [far, counted, noLibm]) expect(explain(divergence, JAVASCRIPT_KNOWN_DIFFERENCES)).toBeUndefined();
  });

  it('counts units in the last place', () => {
    expect(closeNumbers('1', '1.0000000000000002')).toBe(true);
    expect(closeNumbers('1', '1.000000000000001')).toBe(false);
    expect(closeNumbers('1e-300', '1.0000000000000002e-300')).toBe(true);
    expect(closeNumbers('3', '4')).toBe(false);
  });
});

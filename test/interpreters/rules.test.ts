/**
 * Each declared normalisation rule held to real runs: the component on jco,
 * the native interpreter on standard input, on a file, with colours forced;
 * one example of each rule where it must apply, and one where a real
 * difference must survive it.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/interpreters/languages.js';
import { normaliseResult, normaliseText, type InterpreterResult } from '../../src/interpreters/normalise.js';
import { closestShortest, JAVASCRIPT_RULES, PYTHON_RULES } from '../../src/interpreters/rules.js';
import { BUILD_TIMEOUT_MS, interpreterComponent } from './support/components.js';
import { componentResults, nativeResults } from './support/run.js';

const ESC = String.fromCharCode(27);
const python = LANGUAGES.python;
const javascript = LANGUAGES.javascript;

let folder = '';
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'interpreter-rules-'));
  await interpreterComponent(python);
  await interpreterComponent(javascript);
}, BUILD_TIMEOUT_MS);
afterAll(() => rm(folder, { recursive: true, force: true }));

/** python3 running the program from a file, as a person would: its stderr. */
async function pythonFileError(program: string): Promise<string> {
  const file = join(folder, 'program.py');
  await writeFile(file, program);
  const run = await execa('python3', [file], { reject: false, stripFinalNewline: false, env: { PYTHONIOENCODING: 'utf-8' } });
  return String(run.stderr);
}

function normalisedError(result: InterpreterResult, rules = PYTHON_RULES) {
  return normaliseText(result.error, 'error', rules);
}

describe('Python rules', () => {
  const stops = 'for i in range(2):\n    print(i)\nraise ValueError("stop 3")\n';

  it('traceback-program-name: a traceback of standard input or of a file names the program as the component does', async () => {
    const [component] = await componentResults(python, [stops]);
    const [native] = await nativeResults(python, [stops]);

    const stdin = normalisedError(native as InterpreterResult);

    expect((native as InterpreterResult).error).toContain('File "<stdin>", line 3, in <module>');
    expect((component as InterpreterResult).error).toContain('File "<program>", line 3, in <module>');
    expect(stdin.value).toBe((component as InterpreterResult).error);
    expect(stdin.applied).toEqual(['traceback-program-name']);
  });

  it('traceback-source-lines: the source line and carets python3 shows for a file go', async () => {
    const indexing = 'xs = [1]\nprint(xs[0] + xs[1 + 1])\n';
    const [component] = await componentResults(python, [indexing]);
    const fromFile = await pythonFileError(indexing);

    const normalised = normaliseText(fromFile, 'error', PYTHON_RULES);

    expect(fromFile).toMatch(/\n {4}print\(xs\[0\] \+ xs\[1 \+ 1\]\)\n {18}~~\^+\n/);
    expect(normalised.value).toBe((component as InterpreterResult).error);
    expect(normalised.applied).toEqual(['traceback-program-name', 'traceback-source-lines']);
  });

  it('ansi-escapes: CPython 3.13 colours its traceback when FORCE_COLOR is set (captured from python3.13)', async () => {
    const coloured = `Traceback (most recent call last):\n  File ${ESC}[35m"/tmp/interp/p2.py"${ESC}[0m, line ${ESC}[35m3${ESC}[0m, in ${ESC}[35m<module>${ESC}[0m\n    raise ValueError("stop 3")\n${ESC}[1;35mValueError${ESC}[0m: ${ESC}[35mstop 3${ESC}[0m\n`;
    const [component] = await componentResults(python, [stops]);

    const normalised = normaliseText(coloured, 'error', PYTHON_RULES);

    expect(normalised.value).toBe((component as InterpreterResult).error);
    expect(normalised.applied).toEqual(['ansi-escapes', 'traceback-program-name', 'traceback-source-lines']);
  });

  it('leaves real differences: another line, another error, another message, another output', async () => {
    const programs = [stops, 'for i in range(2):\n    print(i)\n\nraise ValueError("stop 3")\n', stops.replace('ValueError', 'IndexError'), stops.replace('stop 3', 'stop 4'), stops.replace('print(i)', 'print(i + 1)')];
    const [reference, ...others] = await nativeResults(python, programs);

    const normalised = normaliseResult(reference as InterpreterResult, PYTHON_RULES).value;

    for (const other of others) expect(normaliseResult(other, PYTHON_RULES).value).not.toEqual(normalised);
  });

  it('leaves a frame of a function alone: only top-level frames name the program', () => {
    const frame = 'Traceback (most recent call last):\n  File "/tmp/lib.py", line 3, in helper\nValueError: x\n';

    expect(normaliseText(frame, 'error', PYTHON_RULES)).toEqual({ value: frame, applied: [] });
  });
});

describe('JavaScript rules', () => {
  const stops = 'let a = 1;\nconsole.log(String(a));\nthrow new Error("stop 3");\n';
  const undefinedCall = 'let xs = [];\nconsole.log(String(xs[3].toFixed(2)));\n';

  it('node-error-location, stack-frames, node-version-banner: node\'s report of an uncaught error becomes the error line, as the component\'s does', async () => {
    const [component] = await componentResults(javascript, [stops]);
    const [native] = await nativeResults(javascript, [stops]);

    const fromNode = normalisedError(native as InterpreterResult, JAVASCRIPT_RULES);
    const fromComponent = normalisedError(component as InterpreterResult, JAVASCRIPT_RULES);

    expect((native as InterpreterResult).error).toMatch(/^\[stdin\]:3\nthrow new Error\("stop 3"\);\n\^\n\nError: stop 3\n {4}at \[stdin\]:3:7\n[^]*\nNode\.js v\d+\.\d+\.\d+\n$/);
    expect((component as InterpreterResult).error).toMatch(/^Error: stop 3\n {4}at /);
    expect(fromNode.value).toBe('Error: stop 3\n');
    expect(fromComponent.value).toBe('Error: stop 3\n');
    expect(fromNode.applied).toEqual(['node-error-location', 'stack-frames', 'node-version-banner']);
    expect(fromComponent.applied).toEqual(['stack-frames']);
  });

  it('ansi-escapes: node colours its stack frames when FORCE_COLOR is set', async () => {
    const run = await execa('node', [], { input: stops, reject: false, stripFinalNewline: false, env: { FORCE_COLOR: '1' } });

    const normalised = normaliseText(String(run.stderr), 'error', JAVASCRIPT_RULES);

    expect(String(run.stderr)).toContain(`${ESC}[90m    at `);
    expect(normalised.value).toBe('Error: stop 3\n');
    expect(normalised.applied[0]).toBe('ansi-escapes');
  });

  it('builtin-error-message: V8 and QuickJS word a TypeError differently; the type is what the language fixes', async () => {
    const [component] = await componentResults(javascript, [undefinedCall]);
    const [native] = await nativeResults(javascript, [undefinedCall]);

    expect((native as InterpreterResult).error).toContain("TypeError: Cannot read properties of undefined (reading 'toFixed')");
    expect((component as InterpreterResult).error).toContain("TypeError: cannot read property 'toFixed' of undefined");
    expect(normalisedError(native as InterpreterResult, JAVASCRIPT_RULES).value).toBe('TypeError\n');
    expect(normalisedError(component as InterpreterResult, JAVASCRIPT_RULES).value).toBe('TypeError\n');
  });

  it('leaves real differences: another error type, another message of the program\'s own error, another output', async () => {
    const programs = [undefinedCall, 'console.log(String((1).toFixed(200)));\n', stops, stops.replace('stop 3', 'stop 4'), stops.replace('String(a)', 'String(a + 1)')];
    const results = await nativeResults(javascript, programs);

    const normalised = results.map((result) => normaliseResult(result, JAVASCRIPT_RULES).value);

    expect(normalised[1]?.error).toBe('RangeError\n');
    expect(new Set(normalised.map((result) => JSON.stringify(result))).size).toBe(programs.length);
  });

  it('number-last-digit: another spelling the standard allows for the same double becomes the closest one', () => {
    // Every spelling from 3e-324 to 7e-324 reads back as the least subnormal, 4.94e-324; the closest is 5e-324.
    expect(closestShortest('3e-324')).toBe('5e-324');
    expect(closestShortest('1.7976931348623158e+308')).toBe('1.7976931348623157e+308');
    expect(normaliseText('3e-324\n1,1.7976931348623158e+308\n', 'output', JAVASCRIPT_RULES)).toEqual({ value: '5e-324\n1,1.7976931348623157e+308\n', applied: ['number-last-digit'] });
  });

  it('number-last-digit leaves other doubles, longer spellings and fixed-point output alone', () => {
    for (const token of ['0.30000000000000004', '0.1', '0.2', '1.50', '123', '1e+21', '-0.5']) expect(closestShortest(token)).toBe(token);
    // 0.1 and 0.2 are different doubles: their difference survives.
    expect(normaliseText('0.1\n', 'output', JAVASCRIPT_RULES).value).not.toBe(normaliseText('0.2\n', 'output', JAVASCRIPT_RULES).value);
  });

  it('trailing-blank-lines: ends an error report with one newline, and leaves no report as none', () => {
    expect(normaliseText('Error: x\n\n\n', 'error', JAVASCRIPT_RULES)).toEqual({ value: 'Error: x\n', applied: ['trailing-blank-lines'] });
    expect(normaliseText('', 'error', JAVASCRIPT_RULES)).toEqual({ value: '', applied: [] });
  });
});

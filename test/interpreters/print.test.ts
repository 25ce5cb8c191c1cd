import { describe, expect, it } from 'vitest';
import type { Expr, Program } from '../../src/interpreters/ast.js';
import { javascriptExpr, printJavaScript } from '../../src/interpreters/print-javascript.js';
import { pythonExpr, pythonFloat, printPython } from '../../src/interpreters/print-python.js';

const int = (value: number): Expr => ({ kind: 'int', value: BigInt(value) });
const float = (value: number): Expr => ({ kind: 'float', value });
const variable = (name: string): Expr => ({ kind: 'var', name });

const PROGRAM: Program = {
  initial: { a: int(-3), f: float(0.5), s: { kind: 'str', value: 'é"\n' }, xs: { kind: 'list', items: [int(1), int(2)] }, b: int(99) },
  body: [
    { kind: 'assign', target: 's', type: 'str', value: { kind: 'op', op: 'concat', args: [variable('s'), { kind: 'op', op: 'str-float', args: [variable('f')] }] } },
    {
      kind: 'for',
      counter: 'i',
      count: 2,
      body: [
        { kind: 'if', condition: { kind: 'op', op: 'lt', args: [variable('i'), variable('a')] }, then: [{ kind: 'raise', code: 3 }], otherwise: [] },
        { kind: 'append', target: 'xs', value: { kind: 'op', op: 'floor-div', args: [variable('a'), int(2)] } },
      ],
    },
    { kind: 'print', value: { kind: 'op', op: 'fixed', args: [{ kind: 'op', op: 'sqrt', args: [variable('f')] }, int(2)] } },
  ],
};

describe('printing programs', () => {
  it('prints Python with every operation parenthesised and only the variables used declared', () => {
    expect(printPython(PROGRAM)).toBe(
      [
        'import math',
        'a = (-3)',
        'f = 0.5',
        's = "é\\"\\n"',
        'xs = [1, 2]',
        'i = 0',
        's = (s + str(f))[:24]',
        'for i in range(2):',
        '    if (i < a):',
        '        raise ValueError("stop 3")',
        '    xs.append((a // 2))',
        'print(format(math.sqrt(f), ".2f"))',
        '',
      ].join('\n'),
    );
  });

  it('prints JavaScript with the same structure and each operation in its JavaScript spelling', () => {
    expect(printJavaScript(PROGRAM)).toBe(
      [
        'let a = (-3);',
        'let f = 0.5;',
        'let s = "é\\"\\n";',
        'let xs = [1, 2];',
        'let i = 0;',
        's = (s + String(f)).slice(0, 24);',
        'for (i = 0; i < 2; i++) {',
        '  if ((i < a)) {',
        '    throw new Error("stop 3");',
        '  }',
        '  xs.push(Math.floor(a / 2));',
        '}',
        'console.log(String(Math.sqrt(f).toFixed(2)));',
        '',
      ].join('\n'),
    );
  });

  it('parenthesises a number literal that receives a method call, even when an operation prints as it', () => {
    const toFloat: Expr = { kind: 'op', op: 'to-float', args: [int(1)] };

    expect(javascriptExpr({ kind: 'op', op: 'fixed', args: [toFloat, int(3)] })).toBe('(1).toFixed(3)');
    expect(javascriptExpr({ kind: 'op', op: 'fixed', args: [float(2.5), int(1)] })).toBe('(2.5).toFixed(1)');
    expect(javascriptExpr({ kind: 'op', op: 'fixed', args: [float(-2.5), int(1)] })).toBe('(-2.5).toFixed(1)');
  });

  it('keeps floats floats in Python, negative zero included', () => {
    expect(pythonFloat(3)).toBe('3.0');
    expect(pythonFloat(-0)).toBe('(-0.0)');
    expect(pythonFloat(1e21)).toBe('1e+21');
    expect(pythonFloat(-1.5)).toBe('(-1.5)');
    expect(pythonExpr(int(2 ** 53 + 1))).toBe('9007199254740992');
    expect(pythonExpr({ kind: 'int', value: 2n ** 53n + 1n })).toBe('9007199254740993');
  });
});

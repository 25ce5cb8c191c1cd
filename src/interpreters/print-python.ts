/**
 * Prints a generated program (ast.ts) as Python 3: every expression that
 * is an operation is parenthesised, so no precedence rule is ever relied on.
 */
import { LOOP_VARIABLES, MAX_STORED_LENGTH, usedOps, usedVariables, type Expr, type ExprType, type Op, type Program, type Stmt } from './ast.js';

/** The shortest JS spelling round-trips in Python too; it only needs a `.0` to stay a float. */
export function pythonFloat(value: number): string {
  if (Object.is(value, -0)) return '(-0.0)';
  const text = String(value);
  const float = /[.e]/.test(text) ? text : `${text}.0`;
  return value < 0 ? `(${float})` : float;
}

const ARITHMETIC: Partial<Record<Op, string>> = {
  add: '+', sub: '-', 'mul-small': '*', 'floor-div': '//', mod: '%', 'pow-small': '**',
  fadd: '+', fsub: '-', fmul: '*', 'true-div': '/',
  lt: '<', le: '<=', eq: '==', ne: '!=', flt: '<', and: 'and', or: 'or',
  concat: '+', 'list-concat': '+', repeat: '*',
};

const CALLS: Partial<Record<Op, string>> = {
  abs: 'abs', min: 'min', max: 'max', 'len-list': 'len', 'len-str': 'len', floor: 'math.floor', round: 'round',
  'to-float': 'float', sqrt: 'math.sqrt', sin: 'math.sin', exp: 'math.exp', log: 'math.log',
  'str-int': 'str', 'str-float': 'str', sorted: 'sorted',
};

export function pythonExpr(expr: Expr): string {
  switch (expr.kind) {
    case 'int':
      return expr.value < 0n ? `(${expr.value})` : String(expr.value);
    case 'float':
      return pythonFloat(expr.value);
    case 'bool':
      return expr.value ? 'True' : 'False';
    case 'str':
      // JSON's escapes (\" \\ \n \uXXXX) mean the same in a Python string literal.
      return JSON.stringify(expr.value);
    case 'list':
      return `[${expr.items.map(pythonExpr).join(', ')}]`;
    case 'var':
      return expr.name;
    case 'op':
      return pythonOp(expr.op, expr.args.map(pythonExpr));
  }
}

function pythonOp(op: Op, args: readonly string[]): string {
  const [x = '', y = '', z = ''] = args;
  const infix = ARITHMETIC[op];
  if (infix !== undefined) return `(${x} ${infix} ${y})`;
  const call = CALLS[op];
  if (call !== undefined) return `${call}(${args.join(', ')})`;
  switch (op) {
    case 'neg':
      return `(-${x})`;
    case 'not':
      return `(not ${x})`;
    case 'index':
      return `${x}[${y}]`;
    case 'contains':
      return `(${x} in ${y})`;
    case 'upper':
      return `${x}.upper()`;
    case 'prefix':
      return `${x}[:${y}]`;
    case 'fixed':
      return `format(${x}, ".${y}f")`;
    case 'reversed':
      return `list(reversed(${x}))`;
    case 'slice':
      return `${x}[${y}:${z}]`;
    default:
      throw new Error(`no Python spelling for ${op}`);
  }
}

function stored(type: ExprType, value: string): string {
  return type === 'str' || type === 'list' ? `${value}[:${MAX_STORED_LENGTH}]` : value;
}

function statements(body: readonly Stmt[], indent: string): string[] {
  if (body.length === 0) return [`${indent}pass`];
  return body.flatMap((stmt) => statement(stmt, indent));
}

function statement(stmt: Stmt, indent: string): string[] {
  switch (stmt.kind) {
    case 'assign':
      return [`${indent}${stmt.target} = ${stored(stmt.type, pythonExpr(stmt.value))}`];
    case 'add-assign':
      return [`${indent}${stmt.target} += ${pythonExpr(stmt.value)}`];
    case 'append':
      return [`${indent}${stmt.target}.append(${pythonExpr(stmt.value)})`];
    case 'pop':
      return [`${indent}${stmt.target}.pop()`];
    case 'print':
      return [`${indent}print(${pythonExpr(stmt.value)})`];
    case 'raise':
      return [`${indent}raise ValueError("stop ${stmt.code}")`];
    case 'if': {
      const lines = [`${indent}if ${pythonExpr(stmt.condition)}:`, ...statements(stmt.then, `${indent}    `)];
      if (stmt.otherwise.length > 0) lines.push(`${indent}else:`, ...statements(stmt.otherwise, `${indent}    `));
      return lines;
    }
    case 'for':
      return [`${indent}for ${stmt.counter} in range(${stmt.count}):`, ...statements(stmt.body, `${indent}    `)];
  }
}

/** Operations spelled with the math module: a program imports it only when it uses one. */
const MATH_OPS: ReadonlySet<Op> = new Set(['floor', 'sqrt', 'sin', 'exp', 'log']);
const LOOP_COUNTERS: ReadonlySet<string> = new Set(LOOP_VARIABLES);

export function printPython(program: Program): string {
  const lines = [...usedOps(program)].some((op) => MATH_OPS.has(op)) ? ['import math'] : [];
  for (const name of usedVariables(program)) lines.push(`${name} = ${LOOP_COUNTERS.has(name) ? '0' : pythonExpr(program.initial[name] as Expr)}`);
  lines.push(...statements(program.body, ''));
  return `${lines.join('\n')}\n`;
}

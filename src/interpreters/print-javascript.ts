/**
 * Prints a generated program (ast.ts) as JavaScript (a script, sloppy mode,
 * as `node` runs standard input and as indirect `eval` runs text). Every
 * operation is parenthesised; a number literal that receives a method call
 * is parenthesised too (`(3).toFixed(2)`).
 */
import { LOOP_VARIABLES, MAX_STORED_LENGTH, usedVariables, type Expr, type ExprType, type Op, type Program, type Stmt } from './ast.js';

const ARITHMETIC: Partial<Record<Op, string>> = {
  add: '+', sub: '-', 'mul-small': '*', mod: '%', 'pow-small': '**',
  fadd: '+', fsub: '-', fmul: '*', 'true-div': '/',
  lt: '<', le: '<=', eq: '===', ne: '!==', flt: '<', and: '&&', or: '||', concat: '+',
};

const CALLS: Partial<Record<Op, string>> = {
  abs: 'Math.abs', min: 'Math.min', max: 'Math.max', floor: 'Math.floor', round: 'Math.round',
  sqrt: 'Math.sqrt', sin: 'Math.sin', exp: 'Math.exp', log: 'Math.log', 'str-int': 'String', 'str-float': 'String',
};

function numberLiteral(value: number): string {
  if (Object.is(value, -0)) return '(-0)';
  return value < 0 ? `(${String(value)})` : String(value);
}

export function javascriptExpr(expr: Expr): string {
  switch (expr.kind) {
    case 'int':
      return expr.value < 0n ? `(${expr.value})` : String(expr.value);
    case 'float':
      return numberLiteral(expr.value);
    case 'bool':
      return String(expr.value);
    case 'str':
      return JSON.stringify(expr.value);
    case 'list':
      return `[${expr.items.map(javascriptExpr).join(', ')}]`;
    case 'var':
      return expr.name;
    case 'op':
      return javascriptOp(expr.op, expr.args.map(receiver), expr.args.map(javascriptExpr));
  }
}

/**
 * An operand that a method is called on or a property read from: a bare
 * number literal is parenthesised (`(1).toFixed(3)`, not `1.toFixed(3)`),
 * whether it is a literal or an operation printed as its operand (`to-float`).
 */
function receiver(expr: Expr): string {
  const text = javascriptExpr(expr);
  return /^[\d.]/.test(text) ? `(${text})` : text;
}

function javascriptOp(op: Op, receivers: readonly string[], args: readonly string[]): string {
  const [x = '', y = '', z = ''] = args;
  const [rx = ''] = receivers;
  const infix = ARITHMETIC[op];
  if (infix !== undefined) return `(${x} ${infix} ${y})`;
  const call = CALLS[op];
  if (call !== undefined) return `${call}(${args.join(', ')})`;
  switch (op) {
    case 'floor-div':
      return `Math.floor(${x} / ${y})`;
    case 'neg':
      return `(-${x})`;
    case 'not':
      return `(!${x})`;
    case 'len-list':
    case 'len-str':
      return `${rx}.length`;
    case 'index':
      return `${rx}[${y}]`;
    case 'to-float':
      return x;
    case 'contains':
      return `${receivers[1] ?? ''}.includes(${x})`;
    case 'upper':
      return `${rx}.toUpperCase()`;
    case 'repeat':
      return `${rx}.repeat(${y})`;
    case 'prefix':
      return `${rx}.slice(0, ${y})`;
    case 'fixed':
      return `${rx}.toFixed(${y})`;
    case 'list-concat':
      return `${rx}.concat(${y})`;
    // The default sort compares as strings: a total order even with NaN in the list.
    case 'sorted':
      return `[...${x}].sort()`;
    case 'reversed':
      return `[...${x}].reverse()`;
    case 'slice':
      return `${rx}.slice(${y}, ${z})`;
    default:
      throw new Error(`no JavaScript spelling for ${op}`);
  }
}

function stored(type: ExprType, value: string): string {
  return type === 'str' || type === 'list' ? `${value}.slice(0, ${MAX_STORED_LENGTH})` : value;
}

function statements(body: readonly Stmt[], indent: string): string[] {
  return body.flatMap((stmt) => statement(stmt, indent));
}

function statement(stmt: Stmt, indent: string): string[] {
  const inner = `${indent}  `;
  switch (stmt.kind) {
    case 'assign':
      return [`${indent}${stmt.target} = ${stored(stmt.type, javascriptExpr(stmt.value))};`];
    case 'add-assign':
      return [`${indent}${stmt.target} += ${javascriptExpr(stmt.value)};`];
    case 'append':
      return [`${indent}${stmt.target}.push(${javascriptExpr(stmt.value)});`];
    case 'pop':
      return [`${indent}${stmt.target}.pop();`];
    case 'print':
      return [`${indent}console.log(String(${javascriptExpr(stmt.value)}));`];
    case 'raise':
      return [`${indent}throw new Error("stop ${stmt.code}");`];
    case 'if': {
      const lines = [`${indent}if (${javascriptExpr(stmt.condition)}) {`, ...statements(stmt.then, inner)];
      if (stmt.otherwise.length > 0) lines.push(`${indent}} else {`, ...statements(stmt.otherwise, inner));
      lines.push(`${indent}}`);
      return lines;
    }
    case 'for':
      return [`${indent}for (${stmt.counter} = 0; ${stmt.counter} < ${stmt.count}; ${stmt.counter}++) {`, ...statements(stmt.body, inner), `${indent}}`];
  }
}

const LOOP_COUNTERS: ReadonlySet<string> = new Set(LOOP_VARIABLES);

/** Every variable the program uses is declared with `let` (an undeclared one would become a global, kept by the component between runs). */
export function printJavaScript(program: Program): string {
  const lines = usedVariables(program).map((name) => `let ${name} = ${LOOP_COUNTERS.has(name) ? '0' : javascriptExpr(program.initial[name] as Expr)};`);
  lines.push(...statements(program.body, ''));
  return `${lines.join('\n')}\n`;
}

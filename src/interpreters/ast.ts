/**
 * Generated programs, before they are printed: one small typed language that
 * prints as Python or as JavaScript (print-python.ts, print-javascript.ts),
 * so that every program the generator makes, and every program shrinking
 * makes from it, is a valid program in both.
 *
 * Typed, so that programs mostly run to the end rather than stopping on the
 * first type error: expressions have one of five types, variables come from
 * fixed pools declared (with values) at the top of every program, loops are
 * `for` loops over a literal range (bounded, so a program ends), and growth
 * is bounded (strings and lists are cut when assigned, multiplication and
 * powers take small literals), so that a program runs in milliseconds.
 *
 * Operations keep their meaning in each language rather than a common one:
 * `floor-div` is Python's `a // b` and JavaScript's `Math.floor(a / b)`.
 * Programs are only ever compared with the same program in the same language.
 */

export type ExprType = 'int' | 'float' | 'bool' | 'str' | 'list';

/** Variables every program declares, by type; `i` and `j` are the loop counters (outer, inner). */
export const VARIABLES = {
  int: ['a', 'b', 'c'],
  float: ['f', 'g'],
  bool: ['p'],
  str: ['s', 't'],
  list: ['xs', 'ys'],
} as const satisfies Record<ExprType, readonly string[]>;
export const LOOP_VARIABLES = ['i', 'j'] as const;

export type IntVar = (typeof VARIABLES.int)[number];
export type AssignableVar = { readonly [T in ExprType]: (typeof VARIABLES)[T][number] }[ExprType];

/** Operations, by result type. The printers give each its spelling in each language. */
export type Op =
  // int
  | 'add' | 'sub' | 'mul-small' | 'floor-div' | 'mod' | 'neg' | 'abs' | 'min' | 'max' | 'pow-small'
  | 'len-list' | 'len-str' | 'index' | 'floor' | 'round'
  // float
  | 'fadd' | 'fsub' | 'fmul' | 'true-div' | 'to-float' | 'sqrt' | 'sin' | 'exp' | 'log'
  // bool
  | 'lt' | 'le' | 'eq' | 'ne' | 'flt' | 'and' | 'or' | 'not' | 'contains'
  // str
  | 'concat' | 'str-int' | 'str-float' | 'upper' | 'repeat' | 'prefix' | 'fixed'
  // list
  | 'list-concat' | 'sorted' | 'reversed' | 'slice';

export type Expr =
  /** An integer literal; bigint, so that literals past 2^53 print exactly. */
  | { readonly kind: 'int'; readonly value: bigint }
  /** A finite float literal. */
  | { readonly kind: 'float'; readonly value: number }
  | { readonly kind: 'bool'; readonly value: boolean }
  /** A string literal (Basic Multilingual Plane only: JavaScript cuts strings in UTF-16 units). */
  | { readonly kind: 'str'; readonly value: string }
  | { readonly kind: 'list'; readonly items: readonly Expr[] }
  | { readonly kind: 'var'; readonly name: string }
  | { readonly kind: 'op'; readonly op: Op; readonly args: readonly Expr[] };

export type Stmt =
  /** `x = e`; strings and lists are cut to a bounded length as they are assigned. */
  | { readonly kind: 'assign'; readonly target: AssignableVar; readonly type: ExprType; readonly value: Expr }
  /** `a += e` on an int variable. */
  | { readonly kind: 'add-assign'; readonly target: IntVar; readonly value: Expr }
  | { readonly kind: 'append'; readonly target: 'xs' | 'ys'; readonly value: Expr }
  /** Removes a list's last element (Python fails on an empty list, JavaScript does not). */
  | { readonly kind: 'pop'; readonly target: 'xs' | 'ys' }
  | { readonly kind: 'print'; readonly value: Expr }
  | { readonly kind: 'if'; readonly condition: Expr; readonly then: readonly Stmt[]; readonly otherwise: readonly Stmt[] }
  /** `for <counter> in range(count)`; the counter is `i`, or `j` inside a loop over `i`. */
  | { readonly kind: 'for'; readonly counter: (typeof LOOP_VARIABLES)[number]; readonly count: number; readonly body: readonly Stmt[] }
  /** Stops the program with an error of its own: Python `raise ValueError`, JavaScript `throw new Error`. */
  | { readonly kind: 'raise'; readonly code: number };

export interface Program {
  /**
   * Initial values of the variables, in the order of VARIABLES (then `i`, `j` start at 0).
   * Printed only for the variables the body uses (see usedVariables), so that a shrunk program shows what it needs.
   */
  readonly initial: { readonly [name: string]: Expr };
  readonly body: readonly Stmt[];
}

/** Longest string and list a variable holds: assignments cut to it. */
export const MAX_STORED_LENGTH = 24;

/** What an operation takes and gives; `small` and `digits` arguments are literals the generator picks. */
export interface OpSignature {
  readonly result: ExprType;
  readonly args: readonly (ExprType | 'small' | 'exponent' | 'digits' | 'word')[];
}

export const OP_SIGNATURES: { readonly [O in Op]: OpSignature } = {
  add: { result: 'int', args: ['int', 'int'] },
  sub: { result: 'int', args: ['int', 'int'] },
  'mul-small': { result: 'int', args: ['int', 'small'] },
  'floor-div': { result: 'int', args: ['int', 'int'] },
  mod: { result: 'int', args: ['int', 'int'] },
  neg: { result: 'int', args: ['int'] },
  abs: { result: 'int', args: ['int'] },
  min: { result: 'int', args: ['int', 'int'] },
  max: { result: 'int', args: ['int', 'int'] },
  'pow-small': { result: 'int', args: ['small', 'exponent'] },
  'len-list': { result: 'int', args: ['list'] },
  'len-str': { result: 'int', args: ['str'] },
  index: { result: 'int', args: ['list', 'int'] },
  floor: { result: 'int', args: ['float'] },
  round: { result: 'int', args: ['float'] },
  fadd: { result: 'float', args: ['float', 'float'] },
  fsub: { result: 'float', args: ['float', 'float'] },
  fmul: { result: 'float', args: ['float', 'float'] },
  'true-div': { result: 'float', args: ['int', 'int'] },
  'to-float': { result: 'float', args: ['int'] },
  sqrt: { result: 'float', args: ['float'] },
  sin: { result: 'float', args: ['float'] },
  exp: { result: 'float', args: ['float'] },
  log: { result: 'float', args: ['float'] },
  lt: { result: 'bool', args: ['int', 'int'] },
  le: { result: 'bool', args: ['int', 'int'] },
  eq: { result: 'bool', args: ['int', 'int'] },
  ne: { result: 'bool', args: ['int', 'int'] },
  flt: { result: 'bool', args: ['float', 'float'] },
  and: { result: 'bool', args: ['bool', 'bool'] },
  or: { result: 'bool', args: ['bool', 'bool'] },
  not: { result: 'bool', args: ['bool'] },
  contains: { result: 'bool', args: ['int', 'list'] },
  concat: { result: 'str', args: ['str', 'str'] },
  'str-int': { result: 'str', args: ['int'] },
  'str-float': { result: 'str', args: ['float'] },
  upper: { result: 'str', args: ['str'] },
  repeat: { result: 'str', args: ['word', 'exponent'] },
  prefix: { result: 'str', args: ['str', 'small'] },
  fixed: { result: 'str', args: ['float', 'digits'] },
  'list-concat': { result: 'list', args: ['list', 'list'] },
  sorted: { result: 'list', args: ['list'] },
  reversed: { result: 'list', args: ['list'] },
  slice: { result: 'list', args: ['list', 'small', 'small'] },
};

/** Every variable, in declaration order: VARIABLES by type, then the loop counters. */
export const ALL_VARIABLES: readonly string[] = [...VARIABLES.int, ...VARIABLES.float, ...VARIABLES.bool, ...VARIABLES.str, ...VARIABLES.list, ...LOOP_VARIABLES];

function exprVariables(expr: Expr, into: Set<string>): void {
  if (expr.kind === 'var') into.add(expr.name);
  else if (expr.kind === 'list') for (const item of expr.items) exprVariables(item, into);
  else if (expr.kind === 'op') for (const arg of expr.args) exprVariables(arg, into);
}

function stmtVariables(stmt: Stmt, into: Set<string>): void {
  switch (stmt.kind) {
    case 'assign':
    case 'add-assign':
    case 'append':
      into.add(stmt.target);
      exprVariables(stmt.value, into);
      return;
    case 'pop':
      into.add(stmt.target);
      return;
    case 'print':
      exprVariables(stmt.value, into);
      return;
    case 'if':
      exprVariables(stmt.condition, into);
      for (const inner of [...stmt.then, ...stmt.otherwise]) stmtVariables(inner, into);
      return;
    case 'for':
      into.add(stmt.counter);
      for (const inner of stmt.body) stmtVariables(inner, into);
      return;
    case 'raise':
      return;
  }
}

/**
 * The variables a program's body reads or writes, in declaration order: the
 * only ones the printers declare. Leaving the others out changes nothing a
 * program does (a declaration is a literal assignment, which cannot fail),
 * and keeps shrunk programs down to what they need.
 */
export function usedVariables(program: Program): string[] {
  const used = new Set<string>();
  for (const stmt of program.body) stmtVariables(stmt, used);
  return ALL_VARIABLES.filter((name) => used.has(name));
}

/** Every operation in a program, for printers that need an import for some. */
export function usedOps(program: Program): Set<Op> {
  const ops = new Set<Op>();
  const visitExpr = (expr: Expr): void => {
    if (expr.kind === 'op') ops.add(expr.op);
    if (expr.kind === 'op') expr.args.forEach(visitExpr);
    else if (expr.kind === 'list') expr.items.forEach(visitExpr);
  };
  const visitStmt = (stmt: Stmt): void => {
    if (stmt.kind === 'if') {
      visitExpr(stmt.condition);
      [...stmt.then, ...stmt.otherwise].forEach(visitStmt);
    } else if (stmt.kind === 'for') stmt.body.forEach(visitStmt);
    else if (stmt.kind !== 'pop' && stmt.kind !== 'raise') visitExpr(stmt.value);
  };
  program.body.forEach(visitStmt);
  return ops;
}

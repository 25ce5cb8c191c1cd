/**
 * A last shrinking pass over a program fast-check has shrunk. fast-check
 * shrinks a list by dropping elements from its front, so a statement that is
 * not needed but follows one that is stays; and it shrinks an operation only
 * towards a fresh leaf, never to one of its own arguments, so `max(E, 0)`
 * stays even when `E` alone fails the same way. Here, last statement first,
 * each statement is tried without, each `if` and `for` replaced by its own
 * statements (an `if` by either branch), and each operation replaced by one
 * of its arguments of the same type, keeping every step after which the
 * program still fails the same way.
 * Every program tried is a tree of the grammar, hence valid.
 */
import { LOOP_VARIABLES, OP_SIGNATURES, VARIABLES, type Expr, type ExprType, type Program, type Stmt } from './ast.js';

/** Every way to make the program one step smaller, the likeliest big steps first. */
export function smallerPrograms(program: Program): Program[] {
  return blockVariants(program.body).map((body) => ({ initial: program.initial, body }));
}

function blockVariants(block: readonly Stmt[]): Stmt[][] {
  const variants: Stmt[][] = [];
  for (let index = block.length - 1; index >= 0; index--) {
    const stmt = block[index] as Stmt;
    const before = block.slice(0, index);
    const after = block.slice(index + 1);
    const replace = (...stmts: Stmt[]) => variants.push([...before, ...stmts, ...after]);
    replace();
    if (stmt.kind === 'if') {
      replace(...stmt.then);
      if (stmt.otherwise.length > 0) replace(...stmt.otherwise);
      if (stmt.otherwise.length > 0) replace({ ...stmt, then: stmt.otherwise, otherwise: [] });
      for (const then of blockVariants(stmt.then)) replace({ ...stmt, then });
      for (const otherwise of blockVariants(stmt.otherwise)) replace({ ...stmt, otherwise });
      for (const condition of exprVariants(stmt.condition, 'bool')) replace({ ...stmt, condition });
    } else if (stmt.kind === 'for') {
      replace(...stmt.body);
      for (const body of blockVariants(stmt.body)) replace({ ...stmt, body });
    } else if (stmt.kind === 'assign') {
      for (const value of exprVariants(stmt.value, stmt.type)) replace({ ...stmt, value });
    } else if (stmt.kind === 'add-assign' || stmt.kind === 'append') {
      for (const value of exprVariants(stmt.value, 'int')) replace({ ...stmt, value });
    } else if (stmt.kind === 'print') {
      for (const value of exprVariants(stmt.value, typeOf(stmt.value))) replace({ ...stmt, value });
    }
  }
  return variants;
}

/** The type of an expression (literals and operations say it; a variable's name does). */
function typeOf(expr: Expr): ExprType | undefined {
  if (expr.kind === 'op') return OP_SIGNATURES[expr.op].result;
  if (expr.kind !== 'var') return expr.kind;
  if ((LOOP_VARIABLES as readonly string[]).includes(expr.name)) return 'int';
  return (Object.keys(VARIABLES) as ExprType[]).find((type) => (VARIABLES[type] as readonly string[]).includes(expr.name));
}

/**
 * Smaller expressions of the same type: an operation replaced by an
 * expression of that type inside it (an argument, or deeper), or with one
 * argument made smaller, outermost first.
 * Literal arguments (`small`, `digits`...) are left to fast-check.
 */
function exprVariants(expr: Expr, type: ExprType | undefined): Expr[] {
  if (type === undefined) return [];
  if (expr.kind === 'list') {
    return expr.items.flatMap((item, k) => [
      { ...expr, items: [...expr.items.slice(0, k), ...expr.items.slice(k + 1)] },
      ...exprVariants(item, 'int').map((smaller) => ({ ...expr, items: expr.items.map((old, m) => (m === k ? smaller : old)) })),
    ]);
  }
  if (expr.kind !== 'op') return [];
  const kinds = OP_SIGNATURES[expr.op].args;
  const variants: Expr[] = descendantsOfType(expr, type);
  kinds.forEach((kind, k) => {
    if (kind === 'small' || kind === 'exponent' || kind === 'digits' || kind === 'word') return;
    for (const smaller of exprVariants(expr.args[k] as Expr, kind)) variants.push({ ...expr, args: expr.args.map((old, m) => (m === k ? smaller : old)) });
  });
  return variants;
}

/** The expressions of `type` inside an operation, at any depth, outermost first (`len(str(X))` holds the int `X`). */
function descendantsOfType(expr: Expr, type: ExprType): Expr[] {
  if (expr.kind !== 'op') return [];
  const kinds = OP_SIGNATURES[expr.op].args;
  const found: Expr[] = [];
  kinds.forEach((kind, k) => {
    const arg = expr.args[k] as Expr;
    if (kind === type) found.push(arg);
  });
  kinds.forEach((kind, k) => {
    if (kind === 'small' || kind === 'exponent' || kind === 'digits' || kind === 'word') return;
    found.push(...descendantsOfType(expr.args[k] as Expr, type));
  });
  return found;
}

/** Makes the program smaller while `stillFails` holds, greedily, until no single step keeps it failing. */
export async function simplifyProgram(program: Program, stillFails: (candidate: Program) => Promise<boolean>, budget = 300): Promise<{ program: Program; tries: number }> {
  let current = program;
  let tries = 0;
  for (let progress = true; progress && tries < budget; ) {
    progress = false;
    for (const candidate of smallerPrograms(current)) {
      if (tries >= budget) break;
      tries++;
      if (await stillFails(candidate)) {
        current = candidate;
        progress = true;
        break;
      }
    }
  }
  return { program: current, tries };
}

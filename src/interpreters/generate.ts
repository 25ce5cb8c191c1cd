/**
 * Programs as fast-check arbitraries over the grammar of ast.ts (`fc.letrec`):
 * fast-check generates and shrinks the tree, the printers make it text, so
 * every program and every shrink of it is a valid program. Shrinking goes
 * towards fewer statements, leaves (a literal or a variable) instead of
 * operations, and smaller literals.
 *
 * Statements are keyed by loop depth (`stmt0` outside loops, `stmt1` in a
 * loop over `i`, `stmt2` in a loop over `j`, where no loop may start), so
 * that loops nest at most twice and each loop has its own counter.
 */
import fc from 'fast-check';
import { LOOP_VARIABLES, OP_SIGNATURES, VARIABLES, type Expr, type ExprType, type Op, type Program, type Stmt } from './ast.js';

export interface ProgramOptions {
  /** Most statements in the program's body and in each block. Default 6. */
  readonly maxStatements?: number;
  /** Most iterations of one loop. Default 6. */
  readonly maxLoopCount?: number;
}

const TYPES: readonly ExprType[] = ['int', 'float', 'bool', 'str', 'list'];
/**
 * Operations fast-check should pick less often: the libm functions, whose
 * results are not exactly specified, and those that mostly stop a program
 * with an error (an index into a short list, a square root of a negative),
 * so that most programs run past their first few statements.
 */
const RARE_OPS: ReadonlySet<Op> = new Set(['sin', 'exp', 'log', 'index', 'sqrt']);
/** Characters of string literals: ASCII, quotes and escapes, and a few non-ASCII letters of the BMP. */
const STRING_CHARS = ['a', 'b', 'z', 'Q', ' ', '0', '7', '"', "'", '\\', '\n', 'é', 'ß', 'λ', 'Ж'];
const WORDS = ['ab', 'x', 'hi ', 'é'];

const int = (value: bigint | number): Expr => ({ kind: 'int', value: BigInt(value) });

// Cross-shrinking lets an edge value shrink to the first branch, so literals shrink towards 0.
const intLiteral: fc.Arbitrary<Expr> = fc
  .oneof(
    { withCrossShrink: true },
    { weight: 6, arbitrary: fc.integer({ min: -10, max: 10 }).map(BigInt) },
    { weight: 2, arbitrary: fc.integer().map(BigInt) },
    { weight: 1, arbitrary: fc.constantFrom(2n ** 31n, 2n ** 53n, 2n ** 53n + 1n, -(2n ** 63n), 10n ** 20n) },
  )
  .map(int);

const floatLiteral: fc.Arbitrary<Expr> = fc
  .oneof(
    { withCrossShrink: true },
    { weight: 3, arbitrary: fc.constantFrom(0.5, 0.1, 2.5, 3, -1.5) },
    { weight: 2, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
    { weight: 1, arbitrary: fc.constantFrom(1e21, 1e-7, 5e-324, 1.7976931348623157e308, 123.456, -0) },
  )
  .map((value): Expr => ({ kind: 'float', value }));

const stringLiteral: fc.Arbitrary<Expr> = fc.string({ unit: fc.constantFrom(...STRING_CHARS), maxLength: 6 }).map((value): Expr => ({ kind: 'str', value }));
const boolLiteral: fc.Arbitrary<Expr> = fc.boolean().map((value): Expr => ({ kind: 'bool', value }));
const listLiteral: fc.Arbitrary<Expr> = fc.array(intLiteral, { maxLength: 4 }).map((items): Expr => ({ kind: 'list', items }));

const LITERALS: { readonly [T in ExprType]: fc.Arbitrary<Expr> } = { int: intLiteral, float: floatLiteral, bool: boolLiteral, str: stringLiteral, list: listLiteral };

/** The variables an expression of a type may read: the loop counters are ints too. */
function readable(type: ExprType): readonly string[] {
  return type === 'int' ? [...VARIABLES.int, ...LOOP_VARIABLES] : VARIABLES[type];
}

const LITERAL_ARGS = {
  small: fc.integer({ min: 0, max: 12 }).map(int),
  exponent: fc.integer({ min: 0, max: 4 }).map(int),
  digits: fc.integer({ min: 0, max: 4 }).map(int),
  word: fc.constantFrom(...WORDS).map((value): Expr => ({ kind: 'str', value })),
} as const;

type Tie = (key: string) => fc.Arbitrary<unknown>;

function opArbitrary(op: Op, tie: Tie): fc.Arbitrary<Expr> {
  const args = OP_SIGNATURES[op].args.map((arg) => (arg in LITERAL_ARGS ? LITERAL_ARGS[arg as keyof typeof LITERAL_ARGS] : (tie(arg) as fc.Arbitrary<Expr>)));
  return fc.tuple(...args).map((values): Expr => ({ kind: 'op', op, args: values }));
}

function expressionArbitrary(type: ExprType, tie: Tie): fc.Arbitrary<Expr> {
  const leaf = fc.oneof({ withCrossShrink: true }, LITERALS[type], fc.constantFrom(...readable(type)).map((name): Expr => ({ kind: 'var', name })));
  const ops = (Object.keys(OP_SIGNATURES) as Op[]).filter((op) => OP_SIGNATURES[op].result === type);
  const list = type === 'list' ? [{ weight: 1, arbitrary: fc.array(tie('int') as fc.Arbitrary<Expr>, { maxLength: 4 }).map((items): Expr => ({ kind: 'list', items })) }] : [];
  return fc.oneof(
    { depthSize: 'small', withCrossShrink: true, maxDepth: 4, depthIdentifier: 'expression' },
    { weight: ops.length + 2, arbitrary: leaf },
    ...list,
    ...ops.map((op) => ({ weight: RARE_OPS.has(op) ? 1 : 3, arbitrary: opArbitrary(op, tie) })),
  );
}

function simpleStatement(tie: Tie): fc.Arbitrary<Stmt> {
  const expr = (type: ExprType) => tie(type) as fc.Arbitrary<Expr>;
  const assign = fc.oneof(
    ...TYPES.map((type) => fc.tuple(fc.constantFrom(...VARIABLES[type]), expr(type)).map(([target, value]): Stmt => ({ kind: 'assign', target, type, value }))),
  );
  const lists = fc.constantFrom(...VARIABLES.list);
  // `pop` (which fails on an empty list in Python) and `raise` stop a program: rarer, so that most run on.
  return fc.oneof(
    { weight: 10, arbitrary: fc.oneof(...TYPES.map(expr)).map((value): Stmt => ({ kind: 'print', value })) },
    { weight: 8, arbitrary: assign },
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...VARIABLES.int), expr('int')).map(([target, value]): Stmt => ({ kind: 'add-assign', target, value })) },
    { weight: 4, arbitrary: fc.tuple(lists, expr('int')).map(([target, value]): Stmt => ({ kind: 'append', target, value })) },
    { weight: 1, arbitrary: lists.map((target): Stmt => ({ kind: 'pop', target })) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 9 }).map((code): Stmt => ({ kind: 'raise', code })) },
  );
}

function block(tie: Tie, key: string, minLength: number, maxLength: number): fc.Arbitrary<Stmt[]> {
  return fc.array(tie(key) as fc.Arbitrary<Stmt>, { minLength, maxLength });
}

function statementArbitrary(tie: Tie, depth: number, options: Required<ProgramOptions>): fc.Arbitrary<Stmt> {
  const key = `stmt${depth}`;
  const branches = Math.max(1, Math.min(3, options.maxStatements));
  const ifStatement = fc
    .tuple(tie('bool') as fc.Arbitrary<Expr>, block(tie, key, 1, branches), block(tie, key, 0, branches))
    .map(([condition, then, otherwise]): Stmt => ({ kind: 'if', condition, then, otherwise }));
  const counter = LOOP_VARIABLES[depth];
  const loop =
    counter === undefined
      ? []
      : [
          {
            weight: 2,
            arbitrary: fc
              .tuple(fc.integer({ min: 0, max: options.maxLoopCount }), block(tie, `stmt${depth + 1}`, 1, branches + 1))
              .map(([count, body]): Stmt => ({ kind: 'for', counter, count, body })),
          },
        ];
  return fc.oneof(
    { depthSize: 'small', withCrossShrink: true, maxDepth: 3, depthIdentifier: 'statement' },
    { weight: 6, arbitrary: simpleStatement(tie) },
    { weight: 2, arbitrary: ifStatement },
    ...loop,
  );
}

/** Generated programs (unprinted); print with `printPython` or `printJavaScript`. */
export function programArbitrary(options: ProgramOptions = {}): fc.Arbitrary<Program> {
  const settings: Required<ProgramOptions> = { maxStatements: options.maxStatements ?? 6, maxLoopCount: options.maxLoopCount ?? 6 };
  const grammar = fc.letrec((tie) => {
    const rules: Record<string, fc.Arbitrary<unknown>> = {};
    for (const type of TYPES) rules[type] = expressionArbitrary(type, tie);
    for (let depth = 0; depth <= LOOP_VARIABLES.length; depth++) rules[`stmt${depth}`] = statementArbitrary(tie, depth, settings);
    return rules;
  });
  const initial: Record<string, fc.Arbitrary<Expr>> = {};
  for (const type of TYPES) for (const name of VARIABLES[type]) initial[name] = LITERALS[type];
  return fc
    .record({ initial: fc.record(initial), body: fc.array(grammar['stmt0'] as fc.Arbitrary<Stmt>, { minLength: 1, maxLength: settings.maxStatements }) })
    .map((program): Program => program);
}

/**
 * Known differences: divergences that are real, understood differences
 * between the interpreters (not artefacts of how they were run, which
 * normalisation removes). A divergence they match is still reported, with
 * the explanation beside it; one no explanation matches is reported as
 * unexplained, for a person to look at. Each matcher is narrow: it names the
 * exact messages or functions involved, so that it cannot explain away a
 * different difference.
 */
import type { InterpreterResult } from './normalise.js';

/** One side of a divergence: engines that agree, and what they printed (normalised). */
export interface DivergenceSide {
  readonly engines: readonly string[];
  /** The interpreter result, when the outcome was one (not a trap). */
  readonly result?: InterpreterResult;
}

export interface DivergenceFacts {
  /** The (shrunk) program. */
  readonly program: string;
  /** At least two sides. */
  readonly sides: readonly DivergenceSide[];
}

export interface KnownDifference {
  readonly name: string;
  /** Why the interpreters differ here, for the report. */
  readonly explanation: string;
  matches(facts: DivergenceFacts): boolean;
}

/** The last non-empty line of an error report: `ZeroDivisionError: division by zero`. */
export function errorLine(result: InterpreterResult): string {
  return result.error.trimEnd().split('\n').at(-1) ?? '';
}

/** Every side ended with an error at the same place, all printed the same before it, and their error lines satisfy `test`. */
function errorsDiffer(facts: DivergenceFacts, test: (lines: readonly string[]) => boolean): boolean {
  const results = facts.sides.map((side) => side.result);
  if (results.some((result) => result === undefined || result.ok)) return false;
  const defined = results as InterpreterResult[];
  if (new Set(defined.map((result) => result.output)).size !== 1) return false;
  // The rest of the report (the traceback: where the error happened) must be the same too.
  if (new Set(defined.map((result) => result.error.trimEnd().split('\n').slice(0, -1).join('\n'))).size !== 1) return false;
  return test(defined.map(errorLine));
}

/** The same error line, each side matching one of the patterns (and every pattern used). */
function wording(patterns: readonly RegExp[]) {
  return (lines: readonly string[]) => lines.every((line) => patterns.some((pattern) => pattern.test(line))) && patterns.every((pattern) => lines.some((line) => pattern.test(line)));
}

const NUMBER = /-?\d+(?:\.\d+)?(?:e[+-]?\d+)?/g;

/** The gap between a double and the next one away from zero. */
function ulp(value: number): number {
  const magnitude = Math.abs(value);
  if (magnitude === 0) return Number.MIN_VALUE;
  const exponent = Math.floor(Math.log2(magnitude));
  return Math.max(2 ** (exponent - 52), Number.MIN_VALUE);
}

/** Two printed numbers that are equal, or doubles at most `ulps` units in the last place apart. */
export function closeNumbers(left: string, right: string, ulps = 4): boolean {
  if (left === right) return true;
  const [a, b] = [Number(left), Number(right)];
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  return Math.abs(a - b) <= ulps * ulp(Math.max(Math.abs(a), Math.abs(b)));
}

/**
 * Every side printed the same text but for numbers, and each number differs
 * from the first side's by a few units in the last place at most: what two
 * libms' roundings of the same result look like, and nothing else does (a
 * wrong integer, a different line, a missing print all fail it).
 */
function differsOnlyInLastBits(facts: DivergenceFacts): boolean {
  const texts = facts.sides.map((side) => (side.result === undefined ? undefined : JSON.stringify(side.result)));
  const first = texts[0];
  if (first === undefined) return false;
  const words = first.split(NUMBER);
  const numbers = first.match(NUMBER) ?? [];
  return texts.every((text) => {
    if (text === undefined) return false;
    const theirs = text.match(NUMBER) ?? [];
    const sameWords = text.split(NUMBER).every((word, k) => word === words[k]) && text.split(NUMBER).length === words.length;
    return sameWords && theirs.length === numbers.length && theirs.every((number, k) => closeNumbers(number, numbers[k] as string));
  });
}

export const PYTHON_KNOWN_DIFFERENCES: readonly KnownDifference[] = [
  {
    name: 'errno-numbering',
    explanation:
      'a float overflow raises OverflowError with the C library\'s errno: ERANGE is 34, "Numerical result out of range", in glibc on Linux and 68, "Result not representable", in wasi-libc (WASI numbers its errnos its own way); generated programs make no float powers, so this explains programs of your own',
    matches: (facts) => errorsDiffer(facts, wording([/^OverflowError: \(34, 'Numerical result out of range'\)$/, /^OverflowError: \(68, 'Result not representable'\)$/])),
  },
  {
    name: 'zero-division-wording',
    explanation:
      'CPython 3.14 words every integer division by zero "division by zero"; earlier versions say "integer division or modulo by zero" (`//`) and "integer modulo by zero" (`%`): the native python3 is another CPython version than the component\'s',
    matches: (facts) =>
      errorsDiffer(facts, wording([/^ZeroDivisionError: division by zero$/, /^ZeroDivisionError: integer (?:division or )?modulo by zero$/])),
  },
  {
    name: 'index-size',
    explanation:
      "the component's CPython is a 32-bit (wasm32) build: Py_ssize_t, hence sys.maxsize, is 2**31 - 1, so an index from 2**31 on \"cannot fit 'int' into an index-sized integer\", where a 64-bit native CPython finds it out of range",
    matches: (facts) => errorsDiffer(facts, wording([/^IndexError: cannot fit 'int' into an index-sized integer$/, /^IndexError: (?:list|string|pop) index out of range$/])),
  },
  {
    name: 'math-domain-wording',
    explanation:
      'CPython 3.14 says which input a math function refused ("expected a positive input, got -1.0"); earlier versions say "math domain error": the native python3 is another CPython version than the component\'s',
    matches: (facts) => errorsDiffer(facts, wording([/^ValueError: math domain error$/, /^ValueError: expected a (?:positive|nonnegative) input, got .+$/])),
  },
  {
    name: 'libm-rounding',
    explanation:
      'math.sin, math.exp and math.log come from the C library (glibc natively, wasi-libc\'s musl-derived libm in the component); neither is correctly rounded in every case, so the last bits of a result may differ',
    matches: (facts) => /math\.(?:sin|exp|log)\(/.test(facts.program) && differsOnlyInLastBits(facts),
  },
];

export const JAVASCRIPT_KNOWN_DIFFERENCES: readonly KnownDifference[] = [
  {
    name: 'libm-rounding',
    explanation:
      'ECMA-262 makes Math.sin, Math.exp and Math.log "implementation-approximated": V8 uses its own fdlibm port, QuickJS the C library (wasi-libc\'s musl-derived libm); neither is correctly rounded in every case, so the last bits of a result may differ',
    matches: (facts) => /Math\.(?:sin|exp|log)\(/.test(facts.program) && differsOnlyInLastBits(facts),
  },
];

export function explain(facts: DivergenceFacts, known: readonly KnownDifference[]): KnownDifference | undefined {
  return known.find((difference) => difference.matches(facts));
}

/**
 * The declared normalisation rules (see normalise.ts), per language. Each
 * removes one thing that tells how the interpreter was run or which engine
 * ran it, never what the program computed; test/interpreters/rules.test.ts
 * holds each to examples taken from real runs.
 */
import type { NormalisationRule } from './normalise.js';

// Written with the escape character itself: a control character in a regex literal is a lint error.
const ESCAPE = String.fromCharCode(27);
const ANSI_SEQUENCE = new RegExp(`${ESCAPE}\\[[0-9;?]*[ -/]*[@-~]`, 'g');

function ansi(field: NormalisationRule['field']): NormalisationRule {
  return {
    name: 'ansi-escapes',
    description: 'removes ANSI escape sequences (colours, bold) from the text',
    why: 'terminal presentation: CPython 3.13+ and Node colour their error reports when FORCE_COLOR or a terminal asks for it; the seed tool reported every such run as a divergence',
    field,
    apply: (text) => text.replace(ANSI_SEQUENCE, ''),
  };
}

/** `File "<stdin>", line 3, in <module>` (or a path): the program's own top-level frames. */
const PROGRAM_FRAME = /^( {2}File )"(?:<stdin>|<string>|<program>|[^"\n]*\.py)"(, line \d+, in <module>)$/gm;

export const PYTHON_RULES: readonly NormalisationRule[] = [
  ansi('output'),
  ansi('error'),
  {
    name: 'traceback-program-name',
    description: 'names the program `<program>` in traceback frames of top-level code (`File "<stdin>"`, `File "/tmp/x.py"`)',
    why: 'the name is how the program reached the interpreter (standard input, a file path, compile() in the component), not what it did; generated programs have top-level code only',
    field: 'error',
    apply: (text) => text.replace(PROGRAM_FRAME, '$1"<program>"$2'),
  },
  {
    name: 'traceback-source-lines',
    description: 'removes the source line and the `^~~~` markers shown under a traceback frame',
    why: 'shown only when the interpreter can read the program file again (not for standard input or the component), and drawn differently by each CPython version',
    field: 'error',
    apply: (text) => {
      const lines = text.split('\n');
      const kept: string[] = [];
      let inFrame = false;
      for (const line of lines) {
        if (/^ {2}File "/.test(line)) {
          inFrame = true;
          kept.push(line);
          continue;
        }
        if (inFrame && (/^ {4}\S/.test(line) || /^ {4,}[~^ ]*[~^][~^ ]*$/.test(line))) continue;
        inFrame = false;
        kept.push(line);
      }
      return kept.join('\n');
    },
  },
];

/** Errors the engine throws itself: ECMA-262 fixes their type, not their message. */
const BUILTIN_ERROR = /^(TypeError|RangeError|ReferenceError|SyntaxError|URIError|EvalError|InternalError): .*$/gm;
/** Node's uncaught-error report starts with where (`[stdin]:3`), the source line and a caret line, then a blank line. */
const NODE_LOCATION = /^(?:\[stdin\]|\[eval\]|[^\n:]+\.[cm]?js):\d+\n.*\n *\^+ *\n\n/;
/** A shortest decimal spelling of a number (with or without exponent), as Number::toString writes them. */
const NUMBER_TOKEN = /(?<![\w.])-?\d+(?:\.\d+)?(?:e[+-]\d+)?(?![\w.])/g;

/**
 * Reprints a number token the way V8 does when the token is another spelling
 * of the same double that differs only in its last digit: ECMA-262
 * (Number::toString, step 5) leaves the last digit open when several shortest
 * spellings round-trip, and recommends, without requiring, the closest one.
 * Anything else (a longer spelling, trailing zeros from toFixed) is left alone.
 */
export function closestShortest(token: string): string {
  const value = Number(token);
  if (!Number.isFinite(value)) return token;
  const canonical = String(value);
  if (canonical === token) return token;
  const [mantissa = '', exponent = ''] = token.split('e');
  const [closest = '', closestExponent = ''] = canonical.split('e');
  const sameButLast = mantissa.length === closest.length && mantissa.slice(0, -1) === closest.slice(0, -1) && exponent === closestExponent;
  return sameButLast ? canonical : token;
}

export const JAVASCRIPT_RULES: readonly NormalisationRule[] = [
  ansi('output'),
  ansi('error'),
  {
    name: 'node-error-location',
    description: 'removes the location, source line and caret Node prints above an uncaught error',
    why: 'how the program reached Node (standard input), not what it did; the component reports errors without it',
    field: 'error',
    apply: (text) => text.replace(NODE_LOCATION, ''),
  },
  {
    name: 'stack-frames',
    description: 'removes stack frame lines (`    at ...`) after the error line',
    why: 'ECMA-262 does not define `stack`: frames name the engine\'s own functions and how the program was loaded (`[stdin]:1:5`, `<eval> (<input>:1:5)`)',
    field: 'error',
    apply: (text) => text.replace(/^ {4}at .*(?:\n|$)/gm, ''),
  },
  {
    name: 'node-version-banner',
    description: 'removes the `Node.js v20.20.2` line Node prints after an uncaught error',
    why: 'an interpreter-version banner: says which Node ran, not what the program did',
    field: 'error',
    apply: (text) => text.replace(/\n*^Node\.js v\d+\.\d+\.\d+\s*$/m, '\n'),
  },
  {
    name: 'builtin-error-message',
    description: 'keeps only the type of errors the engine throws (`TypeError: cannot read property...` becomes `TypeError`)',
    why: 'ECMA-262 specifies which error is thrown, and leaves its message to the implementation; errors the programs throw themselves are plain `Error`s and keep their message',
    field: 'error',
    apply: (text) => text.replace(BUILTIN_ERROR, '$1'),
  },
  {
    name: 'trailing-blank-lines',
    description: 'ends the error report with exactly one newline',
    why: 'Node separates the parts of its report with blank lines, which the rules above leave behind',
    field: 'error',
    apply: (text) => (text === '' ? text : `${text.replace(/\s+$/, '')}\n`),
  },
  {
    name: 'number-last-digit',
    description: 'reprints a number printed with another choice of its last digit as the closest spelling (V8\'s)',
    why: 'ECMA-262 Number::toString leaves the last digit open when several shortest spellings round-trip to the same double',
    field: 'output',
    apply: (text) => text.replace(NUMBER_TOKEN, closestShortest),
  },
];

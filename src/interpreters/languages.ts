/**
 * The interpreter languages a campaign can run: for each, its component (as
 * scripts/setup-interpreters.sh builds it), how generated programs print in
 * it, the native command that stands in for the component, and its declared
 * normalisation rules and known differences.
 */
import { ProxyComponentError } from '../errors.js';
import type { Program } from './ast.js';
import { JAVASCRIPT_KNOWN_DIFFERENCES, PYTHON_KNOWN_DIFFERENCES, type KnownDifference } from './explain.js';
import type { NativeInterpreter } from './native-interpreter.js';
import type { NormalisationRule } from './normalise.js';
import { printJavaScript } from './print-javascript.js';
import { printPython } from './print-python.js';
import { JAVASCRIPT_RULES, PYTHON_RULES } from './rules.js';

export type LanguageName = 'python' | 'javascript';

export interface InterpreterLanguage {
  readonly name: LanguageName;
  /** The interpreter inside the component, for reports. */
  readonly interpreter: string;
  /** The component's file in examples/interpreters/build/. */
  readonly componentFile: string;
  /** Its sources, relative to examples/interpreters/ (the order the setup script hashes them in). */
  readonly sources: readonly string[];
  /** The native interpreter compared with it: the campaign's `native` engine (native-interpreter.ts). */
  readonly native: NativeInterpreter;
  print(program: Program): string;
  /** A program printing the interpreter's version, or undefined when the language has no standard way. */
  readonly versionProgram?: string;
  readonly rules: readonly NormalisationRule[];
  readonly knownDifferences: readonly KnownDifference[];
}

export const LANGUAGES: { readonly [L in LanguageName]: InterpreterLanguage } = {
  python: {
    name: 'python',
    interpreter: 'CPython (componentize-py)',
    componentFile: 'python.wasm',
    sources: ['wit/interpreter.wit', 'python/app.py'],
    native: {
      command: 'python3',
      // -I: no PYTHON* variables, no user site; -S: no site module (a third of python3's start-up
      // time, and nothing a program here needs); -X utf8: UTF-8 stdout whatever the locale.
      args: ['-I', '-S', '-X', 'utf8'],
      executableQuery: ['-c', 'import sys; print(sys.executable)'],
    },
    print: printPython,
    versionProgram: 'import sys\nprint("Python " + sys.version.split()[0])\n',
    rules: PYTHON_RULES,
    knownDifferences: PYTHON_KNOWN_DIFFERENCES,
  },
  javascript: {
    name: 'javascript',
    interpreter: 'QuickJS-ng (componentize-qjs)',
    componentFile: 'javascript.wasm',
    sources: ['wit/interpreter.wit', 'javascript/app.js'],
    native: { command: 'node', args: [], executableQuery: ['-e', 'console.log(process.execPath)'] },
    print: printJavaScript,
    rules: JAVASCRIPT_RULES,
    knownDifferences: JAVASCRIPT_KNOWN_DIFFERENCES,
  },
};

export function languageByName(name: string): InterpreterLanguage {
  if (name === 'python' || name === 'javascript') return LANGUAGES[name];
  throw new ProxyComponentError('USAGE', `unknown interpreter language \`${name}\` (known: python, javascript)`);
}

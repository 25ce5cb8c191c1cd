/**
 * Many programs run on the native interpreter in one process, for properties
 * over hundreds of generated programs (one process per program, as the
 * native engine does, would cost a tenth of a second each). Each program
 * still runs as a whole program in a fresh scope: Python `exec` of the
 * compiled text with fresh globals; JavaScript a `vm` script in a fresh
 * context. What comes back is how each ended: `ok`, or the name of the error
 * that stopped it (`SyntaxError` included), and, for JavaScript, the globals
 * it created (every variable must be declared).
 */
import { execa } from 'execa';

export interface NativeEnding {
  /** `ok`, or the error's type name. */
  readonly ending: string;
  /** JavaScript only: names the program added to its global object. */
  readonly globals?: readonly string[];
}

const PYTHON_DRIVER = `
import contextlib, io, json, sys
results = []
for program in json.load(sys.stdin):
    try:
        code = compile(program, "<program>", "exec")
        with contextlib.redirect_stdout(io.StringIO()):
            exec(code, {"__name__": "__main__"})
        results.append({"ending": "ok"})
    except BaseException as error:
        results.append({"ending": type(error).__name__})
print(json.dumps(results))
`;

const JAVASCRIPT_DRIVER = `
const vm = require('node:vm');
let input = '';
process.stdin.on('data', (chunk) => (input += chunk)).on('end', () => {
  const results = JSON.parse(input).map((program) => {
    const context = vm.createContext({ console: { log: () => undefined } });
    const before = new Set(Object.getOwnPropertyNames(context));
    let ending = 'ok';
    try {
      new vm.Script(program).runInContext(context, { timeout: 5000 });
    } catch (error) {
      ending = error !== null && typeof error === 'object' && 'name' in error ? String(error.name) : 'thrown';
    }
    return { ending, globals: Object.getOwnPropertyNames(context).filter((name) => !before.has(name)) };
  });
  process.stdout.write(JSON.stringify(results));
});
`;

export async function runNatively(language: 'python' | 'javascript', programs: readonly string[]): Promise<NativeEnding[]> {
  const [command, args] = language === 'python' ? ['python3', ['-c', PYTHON_DRIVER]] : ['node', ['-e', JAVASCRIPT_DRIVER]];
  const result = await execa(command, args, { input: JSON.stringify(programs), timeout: 60_000 });
  return JSON.parse(String(result.stdout)) as NativeEnding[];
}

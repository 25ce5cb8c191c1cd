// QuickJS as a component (componentize-qjs): `run` evaluates a program with
// QuickJS's own (indirect, global) eval and returns what it printed with
// console.log, or what it printed and the uncaught error.
//
// Built with stubbed WASI, so the component imports nothing; console.log is
// replaced for the duration of a run to collect the program's lines.

function errorText(error) {
  if (error instanceof Error) return `${String(error)}\n${String(error.stack ?? '')}`;
  return `Uncaught ${String(error)}`;
}

export function run(program) {
  const lines = [];
  const saved = globalThis.console;
  globalThis.console = { log: (...args) => void lines.push(args.map(String).join(' ')) };
  const printed = () => lines.map((line) => `${line}\n`).join('');
  try {
    (0, eval)(program);
  } catch (error) {
    throw { output: printed(), error: errorText(error) };
  } finally {
    globalThis.console = saved;
  }
  return printed();
}

// A "native interpreter" with a planted difference, for the campaign tests:
// it runs a JavaScript program as node does (console.log to stdout; an
// uncaught error to stderr, exit status 1), except that a line that is
// exactly `7` comes out as `8`.
const vm = require('node:vm');

let program = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => (program += chunk));
process.stdin.on('end', () => {
  const lines = [];
  const console = { log: (...args) => lines.push(args.map(String).join(' ')) };
  let failure;
  try {
    vm.runInNewContext(program, { console });
  } catch (error) {
    failure = error;
  }
  process.stdout.write(lines.map((line) => `${line === '7' ? '8' : line}\n`).join(''));
  if (failure !== undefined) {
    process.stderr.write(`${String(failure)}\n`);
    process.exitCode = 1;
  }
});

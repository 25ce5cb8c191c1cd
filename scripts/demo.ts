/**
 * The README's demo, `npm run demo`: record a component, replay the trace,
 * then replay it against a rebuilt "version 2" that has a bug, and show the
 * divergence report that catches it.
 *
 *   node dist/scripts/demo.js
 *
 * Each step prints the command a user would type (`npx proxy-component ...`)
 * and runs exactly those arguments through the built CLI (`node
 * dist/src/cli/bin.js`, the same program without npx's start-up time). Exits 0
 * when every step did what the demo expects, including the divergence.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import chalk from 'chalk';
import { buildExample, EXAMPLES, repositoryRoot } from './build-examples.js';

const KV = 'examples/kv-js';
const TRACE = `${KV}/build/demo.trace`;
const INVOCATIONS = ['count-words("greeting")', 'summarize(["greeting", "nothing-here"])', 'count-words("poem")'];

/** An argument as a POSIX shell needs it written. */
function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

function heading(step: string, text: string): void {
  console.log(`\n${chalk.bold(`${step} ${text}`)}`);
}

/** Runs the CLI with `args`, its output going straight to the terminal; returns its exit code. */
async function proxyComponent(root: string, args: readonly string[]): Promise<number> {
  const display = ['npx proxy-component', ...args.map(shellQuote)].join(' ').replaceAll(' --invoke ', ' \\\n    --invoke ').replace(' -o ', ' \\\n    -o ');
  console.log(chalk.cyan(`$ ${display}`));
  const result = await execa(process.execPath, [join(root, 'dist/src/cli/bin.js'), ...args], { cwd: root, stdio: 'inherit', reject: false });
  return result.exitCode ?? 1;
}

function fail(message: string): never {
  console.error(chalk.red(`\ndemo failed: ${message}`));
  process.exit(1);
}

async function main(): Promise<void> {
  const started = performance.now();
  const root = repositoryRoot();
  if (!existsSync(join(root, 'dist/src/cli/bin.js'))) fail('the CLI is not built: run `npm run build` first');
  const kv = EXAMPLES.find((example) => example.name === 'kv-js');
  if (kv === undefined) fail('the kv-js example is missing from scripts/build-examples.ts');

  heading('1/4', `Build the example: ${KV}, a key-value app in JavaScript (app.js), and its "version 2" (app-v2.js)`);
  await buildExample(kv, { log: (line) => console.log(`  ${line}`) });

  heading('2/4', 'Record: run the component with a real host (host.mjs) and write down every call crossing its boundary');
  const recordArgs = ['record', `${KV}/build/kv.wasm`, '--host', `${KV}/host.mjs`, ...INVOCATIONS.flatMap((call) => ['--invoke', call]), '-o', TRACE];
  if ((await proxyComponent(root, recordArgs)) !== 0) fail('recording failed');
  console.log(chalk.dim('  Each `export` line is a call into the component; the `import` lines under it are the calls it made'));
  console.log(chalk.dim('  to its host (the store, and WASI\'s clock behind Date.now()), with what the host answered.'));

  heading('3/4', 'Replay the trace against the same build: no host at all, imports answered from the trace');
  if ((await proxyComponent(root, ['replay', `${KV}/build/kv.wasm`, TRACE])) !== 0) fail('the replay against the recorded build diverged');

  heading('4/4', 'Replay the same trace against version 2, which has a bug: it splits words on spaces only');
  const v2 = await proxyComponent(root, ['replay', `${KV}/build/kv-v2.wasm`, TRACE]);
  if (v2 !== 1) fail(`the replay against version 2 should report a divergence (exit code 1), it exited with ${v2}`);

  console.log(
    `\n${chalk.green('✓ That divergence was the point of the demo.')} Version 2 counts the poem's two lines as one word less, and the\n` +
      'replay names the call, the trace line and both values; `replay` exits with 1, which is what fails a CI job.\n' +
      `The first two calls still matched: the bug only shows on text with line breaks.\n\n` +
      `Next: the traces in examples/*/traces/ are checked in; see examples/README.md to run them as Vitest tests.\n` +
      chalk.dim(`(demo took ${((performance.now() - started) / 1000).toFixed(1)} s)`),
  );
}

await main();

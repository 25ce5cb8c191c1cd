/**
 * The thread the mutation campaign runs commands in: the CLI's `main`, as a
 * user's shell would run it, its output kept. A command that never ends
 * blocks only this thread, which the judge (judge.ts) then terminates.
 */
import { parentPort } from 'node:worker_threads';
import { bufferIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import type { JudgeReply, JudgeRequest } from './judge.js';

parentPort?.on('message', (request: JudgeRequest) => {
  const io = bufferIO();
  main(request.argv, io).then(
    (exitCode) => parentPort?.postMessage({ id: request.id, exitCode, out: io.out(), err: io.err() } satisfies JudgeReply),
    // `main` turns every error into an exit code: reaching here is a crash of the CLI itself.
    (error: unknown) => parentPort?.postMessage({ id: request.id, exitCode: -1, out: io.out(), err: `${io.err()}main rejected: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` } satisfies JudgeReply),
  );
});

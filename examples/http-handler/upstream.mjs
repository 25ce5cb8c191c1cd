/**
 * The second local server the handler calls: `GET /quote?for=<name>` answers
 * a short quote for that name, as text.
 *
 * It runs in a worker thread: jco runs the handler synchronously on the main
 * thread and blocks it while the handler waits for this server's answer, so a
 * server on the main thread could never answer.
 *
 *   node upstream.mjs [port]     serves until Ctrl-C and prints its authority
 *
 * Tests, the build script and the benchmark call `startUpstream()`.
 */
import { Worker } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';

const SERVER = `
const { createServer } = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const QUOTES = ['Simple things should be simple.', 'Make it work, then make it right.', 'Premature optimization is the root of all evil.'];
const server = createServer((request, response) => {
  const url = new URL(request.url, 'http://upstream');
  const name = url.searchParams.get('for') ?? 'nobody';
  if (url.pathname !== '/quote') {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('no such page');
    return;
  }
  const quote = QUOTES[[...name].reduce((sum, c) => sum + c.codePointAt(0), 0) % QUOTES.length];
  response.writeHead(200, { 'content-type': 'text/plain' }).end(name + ', ' + quote);
});
server.listen(workerData.port, '127.0.0.1', () => parentPort.postMessage(server.address().port));
parentPort.on('message', () => server.close(() => process.exit(0)));
`;

/** Starts the upstream server on `port` (0: any free one); its authority (`127.0.0.1:port`) and a way to stop it. */
export async function startUpstream(port = 0) {
  const worker = new Worker(SERVER, { eval: true, workerData: { port }, execArgv: [] });
  const listening = await new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    authority: `127.0.0.1:${listening}`,
    close: async () => {
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.postMessage('stop');
      await exited;
    },
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const upstream = await startUpstream(Number(process.argv[2] ?? 8081));
  console.log(`upstream listening at ${upstream.authority} (Ctrl-C to stop)`);
}

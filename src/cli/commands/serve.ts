/** `proxy-component serve <handler> --record out.trace [--port N] [--allow-host H...]` */
import { serveComponent, type ServedRequest } from '../../session/serve-component.js';
import type { CommandSpec } from '../command.js';
import { EXIT_OK } from '../exit-code.js';
import { type GrantOptionValues, grantOptions, grantsOption, integerOption } from '../option-values.js';

interface ServeCommandOptions extends GrantOptionValues {
  readonly record?: string;
  readonly port: string;
  readonly listen: string;
  readonly allowHost?: string[];
  readonly host?: string;
  readonly requests?: string;
}

export const serveCommand: CommandSpec<ServeCommandOptions> = {
  name: 'serve',
  summary: 'serve a wasi:http handler on a local port and record each request it handles to a trace',
  help: [
    'Serves the component as `jco serve` does (jco\'s HTTP server, in-process): each request is a call',
    'of its wasi:http/incoming-handler export, recorded with every resource method it calls. The',
    'trace is appended to and committed after every request, so it is valid whenever the server stops.',
    'The handler reaches no network unless granted: --allow-host for outgoing HTTP to named hosts,',
    '--allow-network for all of it (and sockets).',
    '',
    'Examples:',
    '  proxy-component serve handler.wasm --record http.trace --port 8000 --allow-host 127.0.0.1:8081',
    '  proxy-component replay handler.wasm http.trace',
    '',
    'Exit codes: 0 stopped (after --requests, or on SIGINT/SIGTERM), 2 bad input.',
  ].join('\n'),
  arguments: [{ syntax: '<component>', description: 'the handler (.wasm): a component exporting wasi:http/incoming-handler' }],
  options: [
    { flags: '--record <trace>', description: 'the trace file to write: each request appended and committed as it is served' },
    { flags: '--port <n>', description: 'port to listen on (0: any free port)', defaultValue: '8000' },
    { flags: '--listen <address>', description: 'address to listen on', defaultValue: '127.0.0.1' },
    { flags: '--allow-host <host...>', description: 'hosts the handler may send HTTP requests to: host:port, or host for any port' },
    ...grantOptions('handler'),
    { flags: '--host <module>', description: 'JS module exporting jco imports that replace the WASI shim\'s' },
    { flags: '--requests <n>', description: 'stop after serving this many requests' },
  ],
  async run([component], options, io) {
    const port = integerOption(options.port, '--port', 0, 65535);
    const limit = options.requests === undefined ? undefined : integerOption(options.requests, '--requests', 1);
    let stop: () => void = () => undefined;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const session = await serveComponent(component as string, {
      port,
      address: options.listen,
      ...(options.record === undefined ? {} : { record: options.record }),
      ...(options.host === undefined ? {} : { host: options.host }),
      wasi: {
        ...grantsOption(options),
        httpHosts: options.allowHost ?? [],
      },
      onRequest: (request) => {
        io.stdout(`${requestLine(request)}\n`);
        if (limit !== undefined && request.index + 1 >= limit) stop();
      },
    });
    const signals = ['SIGINT', 'SIGTERM'] as const;
    for (const signal of signals) process.once(signal, stop);
    io.stderr(`serving ${session.url}${options.record === undefined ? '' : `, recording to ${options.record}`} (Ctrl-C to stop)\n`);
    try {
      await stopped;
    } finally {
      for (const signal of signals) process.off(signal, stop);
      await session.close();
    }
    io.stderr(`served ${session.requests} request${session.requests === 1 ? '' : 's'}${options.record === undefined ? '' : `; wrote ${options.record}`}\n`);
    return EXIT_OK;
  },
};

/** `#1 GET /hello -> 200`, with the trap when the handler trapped. */
function requestLine(request: ServedRequest): string {
  const outcome = request.outcome.kind === 'trap' ? ` (trapped: ${request.outcome.message})` : request.answered ? '' : ' (the handler did not answer)';
  return `#${request.index + 1} ${request.method} ${request.pathWithQuery} -> ${request.status}${outcome}`;
}

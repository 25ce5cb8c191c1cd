/**
 * The WASI host for recording: jco's preview2 shim, sandboxed. A component
 * gets no files, no network and no environment unless the user grants them;
 * clocks, randomness and stdio work (and are recorded like any import).
 *
 * Two of the shim's functions reach past the sandbox and are replaced: its
 * `exit` ends the Node process (a guest's exit is the outcome of the call
 * that made it, like a trap: recorded, and our process goes on), and its
 * `initial-cwd` tells the guest the host's working directory (a guest has
 * none unless granted).
 *
 * Outgoing HTTP (`wasi:http/outgoing-handler`) goes out when the network is
 * granted, or only to the hosts granted by name (`httpHosts`); any other
 * request is answered `err(HTTP-request-denied)`, as the WIT says a host
 * refuses one (the shim's own refusal, a bare string, is not an `error-code`).
 */
import { http } from '@bytecodealliance/preview2-shim';
import { WASIShim } from '@bytecodealliance/preview2-shim/instantiation';
import type { JcoImports } from '../engines/jco/load.js';
import { JcoResultError } from '../values/jco-return.js';

export interface WasiGrants {
  /** Environment variables the component sees. Default none. */
  readonly env?: Readonly<Record<string, string>>;
  /** Directories it may open: guest path -> host path. Default none. */
  readonly dirs?: Readonly<Record<string, string>>;
  /** Whether sockets and outgoing HTTP are allowed. Default false. */
  readonly network?: boolean;
  /**
   * Authorities outgoing HTTP may reach without the network granted:
   * `host:port`, or `host` for any port. Default none.
   */
  readonly httpHosts?: readonly string[];
  /** Its command-line arguments. Default `['component']`. */
  readonly args?: readonly string[];
  /** What `initial-cwd` answers. Default none. */
  readonly cwd?: string;
}

/** Thrown by `wasi:cli/exit`: the export call that exited ends with this as its trap. */
export class GuestExit extends Error {
  constructor(readonly status: { readonly tag: 'ok' | 'err' } | number) {
    super(typeof status === 'number' ? `the component exited with code ${status}` : `the component exited with status ${status.tag}`);
    this.name = 'GuestExit';
  }
}

export function sandboxedWasi(grants: WasiGrants = {}): JcoImports {
  const shim = new WASIShim({
    sandbox: {
      preopens: { ...(grants.dirs ?? {}) },
      env: { ...(grants.env ?? {}) },
      args: [...(grants.args ?? ['component'])],
      enableNetwork: grants.network ?? false,
    },
  });
  const imports = shim.getImportObject() as unknown as JcoImports;
  const environment = imports['wasi:cli/environment'] ?? {};
  return {
    ...imports,
    'wasi:http/outgoing-handler': grants.network === true ? (imports['wasi:http/outgoing-handler'] ?? {}) : outgoingHandlerFor(grants.httpHosts ?? []),
    'wasi:cli/environment': { ...environment, initialCwd: () => grants.cwd },
    'wasi:cli/exit': {
      exit: (status: { tag: 'ok' | 'err' }) => {
        throw new GuestExit(status);
      },
      exitWithCode: (code: number) => {
        throw new GuestExit(code);
      },
    },
  };
}

interface OutgoingRequest {
  authority(): string | undefined;
}

/** The shim's outgoing handler, for requests to the granted hosts only. */
function outgoingHandlerFor(hosts: readonly string[]): Record<string, unknown> {
  const real = (http as unknown as { outgoingHandler: { handle(request: unknown, options: unknown): unknown } }).outgoingHandler;
  return {
    handle(request: OutgoingRequest, options: unknown): unknown {
      if (!isGranted(request.authority(), hosts)) throw new JcoResultError({ tag: 'HTTP-request-denied' });
      return real.handle(request, options);
    },
  };
}

/** Whether `authority` (`host[:port]`) is one of `hosts` (each `host:port`, or `host` for any port). */
export function isGranted(authority: string | undefined, hosts: readonly string[]): boolean {
  if (authority === undefined) return false;
  const wanted = authority.toLowerCase();
  const host = wanted.replace(/:\d+$/, '');
  return hosts.some((granted) => {
    const grant = granted.toLowerCase();
    return grant === wanted || (!/:\d+$/.test(grant) && grant === host);
  });
}

/**
 * The WASI host for recording: jco's preview2 shim, sandboxed. A component
 * gets no files, no network and no environment unless the user grants them;
 * clocks, randomness and stdio work (and are recorded like any import).
 */
import { WASIShim } from '@bytecodealliance/preview2-shim/instantiation';
import type { JcoImports } from '../engines/jco/load.js';

export interface WasiGrants {
  /** Environment variables the component sees. Default none. */
  readonly env?: Readonly<Record<string, string>>;
  /** Directories it may open: guest path -> host path. Default none. */
  readonly dirs?: Readonly<Record<string, string>>;
  /** Whether sockets and outgoing HTTP are allowed. Default false. */
  readonly network?: boolean;
  /** Its command-line arguments. Default `['component']`. */
  readonly args?: readonly string[];
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
  return shim.getImportObject() as unknown as JcoImports;
}

/**
 * The part of WASI the virtualizers use to write the tracer's output (stdout,
 * stderr) and read a trace (stdin), at the WASI version the app already
 * imports when it does, so that instrumenting adds as few imports as can be.
 */
import { parseWit } from '../wit/load.js';
import type { World, WitInterface } from '../wit/world.js';
import type { WasiNames } from './core/virtualizer-wat.js';

const DEFAULT_VERSION = '0.2.6';

function wasiWit(version: string): string {
  return `package proxy-component:wasi-io;

world io {
  import wasi:cli/stdin@${version};
  import wasi:cli/stdout@${version};
  import wasi:cli/stderr@${version};
}

package wasi:io@${version} {
  interface error {
    resource error;
  }

  interface poll {
    resource pollable {
      block: func();
    }
  }

  interface streams {
    use error.{error};
    use poll.{pollable};

    variant stream-error {
      last-operation-failed(error),
      closed,
    }

    resource input-stream {
      blocking-read: func(len: u64) -> result<list<u8>, stream-error>;
    }

    resource output-stream {
      blocking-write-and-flush: func(contents: list<u8>) -> result<_, stream-error>;
    }
  }
}

package wasi:cli@${version} {
  interface stdin {
    use wasi:io/streams@${version}.{input-stream};

    get-stdin: func() -> input-stream;
  }

  interface stdout {
    use wasi:io/streams@${version}.{output-stream};

    get-stdout: func() -> output-stream;
  }

  interface stderr {
    use wasi:io/streams@${version}.{output-stream};

    get-stderr: func() -> output-stream;
  }
}
`;
}

/** The version of `wasi:io` (else of any `wasi:` package) the app imports, or a default. */
export function wasiVersion(world: World): string {
  let fallback: string | undefined;
  for (const name of world.imports.keys()) {
    const match = /^wasi:([a-z-]+)\/[a-z-]+@(0\.2\.\d+)$/.exec(name);
    if (match === null) continue;
    if (match[1] === 'io') return match[2] as string;
    fallback ??= match[2];
  }
  return fallback ?? DEFAULT_VERSION;
}

export interface WasiIo {
  readonly names: WasiNames;
  /** The interfaces, in dependency order (error, poll, streams, stdin, stdout, stderr). */
  readonly interfaces: readonly WitInterface[];
}

export function wasiIo(version: string): WasiIo {
  const document = parseWit(wasiWit(version), 'wasi-io.wit');
  const interfaces: WitInterface[] = [];
  for (const pkg of document.packages) {
    if (pkg.name.namespace !== 'wasi') continue;
    interfaces.push(...pkg.interfaces.values());
  }
  const order = ['error', 'poll', 'streams', 'stdin', 'stdout', 'stderr'];
  interfaces.sort((a, b) => order.indexOf(a.name ?? '') - order.indexOf(b.name ?? ''));
  return {
    names: {
      streams: `wasi:io/streams@${version}`,
      stdout: `wasi:cli/stdout@${version}`,
      stderr: `wasi:cli/stderr@${version}`,
      stdin: `wasi:cli/stdin@${version}`,
    },
    interfaces,
  };
}

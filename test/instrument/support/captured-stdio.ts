/**
 * Just the WASI an instrumented component writes its trace and reports with
 * (stdout, stderr, and the streams behind them), as jco imports whose output
 * is kept in memory: so a composed record or fuzz component runs under jco,
 * several export calls on one instance, and its trace is read back.
 */
export interface CapturedStdio {
  /** The jco imports (wasi:io/error, poll, streams; wasi:cli/stdout, stderr). */
  readonly imports: Record<string, Record<string, unknown>>;
  stdout(): string;
  stderr(): string;
}

export function capturedStdio(): CapturedStdio {
  const out: number[] = [];
  const err: number[] = [];
  class OutputStream {
    constructor(private readonly sink: number[]) {}
    blockingWriteAndFlush(contents: Uint8Array): void {
      this.sink.push(...contents);
    }
    checkWrite(): bigint {
      return 4096n;
    }
    write(contents: Uint8Array): void {
      this.sink.push(...contents);
    }
    blockingFlush(): void {}
  }
  class InputStream {}
  class Pollable {
    block(): void {}
  }
  class Error {}
  const decode = (bytes: number[]) => new TextDecoder().decode(Uint8Array.from(bytes));
  return {
    imports: {
      'wasi:io/error': { Error },
      'wasi:io/poll': { Pollable },
      'wasi:io/streams': { InputStream, OutputStream },
      'wasi:cli/stdout': { getStdout: () => new OutputStream(out) },
      'wasi:cli/stderr': { getStderr: () => new OutputStream(err) },
    },
    stdout: () => decode(out),
    stderr: () => decode(err),
  };
}

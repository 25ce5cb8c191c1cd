/**
 * A JavaScript component built with componentize-qjs (QuickJS inside, the
 * non-async runtime), with resources both ways: it exports a `counter`
 * resource and imports a `logger` resource and a function from the host.
 * Its core modules use Wasm extended-const, which every engine must accept.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const QJS_WIT = `package test:tally@0.1.0;

interface host {
  resource logger {
    constructor(prefix: string);
    log: func(line: string) -> u32;
  }
  scale: func() -> f64;
}

interface api {
  resource counter {
    constructor(start: u32);
    bump: func(by: u32) -> u32;
    value: func() -> u32;
  }
  describe: func(c: borrow<counter>) -> string;
  mean: func(xs: list<f64>) -> option<f64>;
  spread: func(xs: list<s64>) -> result<tuple<s64, s64>, string>;
  shout: func(text: string) -> string;
}

world tally {
  import host;
  export api;
}
`;

export const QJS_SOURCE = `import host from 'test:tally/host@0.1.0';

// Made on first use: imports cannot be called while the component is being built.
let logger;
const log = (line) => (logger ??= new host.Logger('tally')).log(line);

class Counter {
  constructor(start) { this.count = start; }
  bump(by) { this.count += by; log('bump ' + by); return this.count; }
  value() { return this.count; }
}

export const api = {
  Counter,
  describe(counter) { return 'counter at ' + counter.value(); },
  mean(xs) {
    if (xs.length === 0) return undefined;
    let sum = 0;
    for (const x of xs) sum += x;
    return (sum / xs.length) * host.scale();
  },
  spread(xs) {
    if (xs.length === 0) throw 'empty';
    let lo = xs[0], hi = xs[0];
    for (const x of xs) { if (x < lo) lo = x; if (x > hi) hi = x; }
    return [lo, hi];
  },
  shout(text) { return text.toUpperCase() + '!'; },
};
`;

let built: Promise<Uint8Array> | undefined;

export function qjsComponent(): Promise<Uint8Array> {
  built ??= (async () => {
    const folder = await mkdtemp(join(tmpdir(), 'proxy-component-qjs-'));
    try {
      await writeFile(join(folder, 'tally.wit'), QJS_WIT);
      await writeFile(join(folder, 'tally.js'), QJS_SOURCE);
      const { componentize } = await import('componentize-qjs');
      const { component } = await componentize({ witPath: join(folder, 'tally.wit'), jsSource: QJS_SOURCE, jsPath: join(folder, 'tally.js'), sync: true });
      return new Uint8Array(component);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  })();
  return built;
}

/** A host for the tally component: a logger numbering its lines, and a scale of 2. */
export function qjsHost() {
  class Logger {
    lines = 0;
    constructor(readonly prefix: string) {}
    log(_line: string): number {
      return ++this.lines;
    }
  }
  return { 'test:tally/host': { Logger, scale: () => 2 } };
}

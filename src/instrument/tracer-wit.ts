/**
 * WIT of the tracer component and of the original tool's recorder interface
 * (`proxy:recorder@0.1.0`, kept signature for signature so that a host
 * implementing the original's recorder can serve our composed components).
 */
import { DIALOG_PACKAGE, DIALOG_PROMPT } from './dialog-wit.js';

/** The original proxy-component's recorder interfaces. */
export const RECORDER_PACKAGE = `package proxy:recorder@0.1.0 {
  interface %record {
    record-args: func(method: option<string>, args: list<string>, is-export: bool);
    record-ret: func(method: option<string>, ret: option<string>, is-export: bool);
  }

  interface replay {
    replay-export: func() -> option<tuple<string, list<string>>>;
    assert-export-ret: func(method: option<string>, ret: option<string>);
    replay-import: func(method: option<string>, args: option<list<string>>) -> option<string>;
  }

  interface start-replay {
    start: func();
  }
}`;

export const RECORDER_RECORD = 'proxy:recorder/record@0.1.0';
export const RECORDER_REPLAY = 'proxy:recorder/replay@0.1.0';
export const RECORDER_START = 'proxy:recorder/start-replay@0.1.0';

/**
 * The tracer's interface: the virtualizers call it with values encoded as in
 * bin-codec.ts, by function index (see config.ts). Every call answers a
 * `reply`: bytes for the trace output (stdout) and for the report (stderr),
 * whether to stop (trap) after writing them, and a value when the tracer
 * supplies one (an import's result, or the next export call's arguments with
 * its index in `fn`). `new-handle` numbers a resource handle that reached a
 * virtualizer for the first time (see tracer/handle-numbers.ts).
 */
export const TRACER_INTERFACE = `interface tracer {
    record reply {
      output: list<u8>,
      report: list<u8>,
      fail: bool,
      fn: u32,
      value: option<list<u8>>,
    }

    configure: func(config: list<u8>) -> reply;
    load-trace: func(text: list<u8>) -> reply;
    next-export: func() -> reply;
    begin-export: func(fn: u32, args: list<u8>) -> reply;
    end-export: func(fn: u32, ret: list<u8>) -> reply;
    begin-import: func(fn: u32, args: list<u8>) -> reply;
    end-import: func(fn: u32, ret: list<u8>) -> reply;
    new-handle: func() -> u32;
  }`;

export const TRACER_ID = 'proxy-component:tracer/tracer@0.1.0';

export type TracerVariant = 'guest' | 'host-record' | 'host-replay' | 'host-dialog';

/** The WIT document (one file) the tracer component of `variant` is built from. */
export function tracerWit(variant: TracerVariant): string {
  const imports = {
    guest: '',
    'host-record': '  import proxy:recorder/%record@0.1.0;\n',
    'host-replay': `  import ${RECORDER_REPLAY};\n`,
    'host-dialog': `  import ${DIALOG_PROMPT};\n`,
  }[variant];
  return `package proxy-component:tracer@0.1.0;

${TRACER_INTERFACE}

world tracer-${variant} {
${imports}  export tracer;
}

${RECORDER_PACKAGE}
${variant === 'host-dialog' ? `\n${DIALOG_PACKAGE}\n` : ''}`;
}

/**
 * What the tracer component's JavaScript entry uses (see tracer-build.ts): the
 * tracer for each variant, shaped as componentize-qjs wants the exported
 * `tracer` interface (camelCase functions, `reply` as a plain object,
 * `option` as `null`). Also usable in Node, where tests drive it directly.
 */
import { dialogHandler, type DialogPrompt } from './dialog.js';
import { fuzzHandler } from './fuzz.js';
import { hostRecordHandler, hostReplayHandler, type RecorderRecord, type RecorderReplay } from './host.js';
import { recordHandler } from './record.js';
import { replayHandler } from './replay.js';
import { Tracer, type Reply } from './tracer.js';

export interface TracerExports {
  configure(config: Uint8Array): Reply;
  loadTrace(text: Uint8Array): Reply;
  nextExport(): Reply;
  beginExport(fn: number, args: Uint8Array): Reply;
  endExport(fn: number, result: Uint8Array): Reply;
  beginImport(fn: number, args: Uint8Array): Reply;
  endImport(fn: number, result: Uint8Array): Reply;
  newHandle(): number;
}

function exportsOf(tracer: Tracer): TracerExports {
  return {
    configure: (config) => tracer.configure(config),
    loadTrace: (text) => tracer.loadTrace(text),
    nextExport: () => tracer.nextExport(),
    beginExport: (fn, args) => tracer.beginExport(fn, args),
    endExport: (fn, result) => tracer.endExport(fn, result),
    beginImport: (fn, args) => tracer.beginImport(fn, args),
    endImport: (fn, result) => tracer.endImport(fn, result),
    newHandle: () => tracer.newHandle(),
  };
}

/** Records to stdout, replays from stdin, or fuzzes, as the configuration says. */
export function guestTracer(): TracerExports {
  return exportsOf(
    new Tracer((context) => {
      switch (context.config.mode) {
        case 'record':
          return recordHandler(context);
        case 'replay':
          return replayHandler(context);
        case 'fuzz':
          return fuzzHandler(context);
        case 'dialog':
          throw new Error('dialog mode needs the host-dialog tracer');
      }
    }),
  );
}

export function hostRecordTracer(record: RecorderRecord): TracerExports {
  return exportsOf(new Tracer(hostRecordHandler(record)));
}

export function hostReplayTracer(replay: RecorderReplay): TracerExports {
  return exportsOf(new Tracer(hostReplayHandler(replay)));
}

export function hostDialogTracer(prompt: DialogPrompt): TracerExports {
  return exportsOf(new Tracer(dialogHandler(prompt)));
}

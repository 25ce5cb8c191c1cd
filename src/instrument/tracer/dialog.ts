/**
 * Dialog mode (`instrument -m dialog`): the tracer only translates, as with
 * `--use-host-recorder`, and the host drives: through the imported
 * `proxy-component:dialog/prompt` (dialog-wit.ts) it is told the functions
 * and their types once, picks each export call and its arguments, and
 * answers every virtualized import call. Values cross as WAVE text; the
 * handles the host gives are numbered as every trace numbers them (bound by
 * the tracer as they go, see handle-numbers.ts).
 */
import { importedResources } from '../../values/world-resources.js';
import type { Value } from '../../values/value.js';
import { parseValue, printValue } from '../../wave/index.js';
import { callNameOf } from '../../wit/lookup.js';
import type { WorldFunction } from '../../wit/world.js';
import { sessionOf, type SessionJs } from './dialog-session.js';
import type { Handler, Step, TracerContext } from './tracer.js';

/** `proxy-component:dialog/prompt@0.1.0` as a JS object (options `null` or `undefined` when none). */
export interface DialogPrompt {
  begin(session: SessionJs): void;
  nextExport(): { readonly function: number; readonly args: readonly string[] } | null | undefined;
  callImport(fn: number, args: string[]): { readonly tag: 'return'; readonly val?: string | null } | { readonly tag: 'fail'; readonly val: string };
  returned(fn: number, result: string | null): void;
  failed(message: string): void;
}

function printArgs(fn: WorldFunction, args: readonly Value[]): string[] {
  return fn.function.params.map((param, i) => printValue(args[i] as Value, param.type));
}

export function dialogHandler(prompt: DialogPrompt): (context: TracerContext) => Handler {
  return (context) => {
    let begun = false;
    const begin = (): void => {
      if (begun) return;
      begun = true;
      const header = context.config.header;
      prompt.begin(sessionOf(context.exports, context.imports, importedResources(context.world), { component: header.component ?? '', passthrough: header.passthrough ?? [] }));
    };
    const stop = (message: string): Step => {
      prompt.failed(message);
      return { report: `dialog: ${message}\n`, fail: true };
    };
    return {
      nextExport(): Step {
        begin();
        const next = prompt.nextExport();
        if (next === null || next === undefined) return {};
        const func = context.exports[next.function];
        if (func === undefined) return stop(`the host picked export #${next.function}, and the component has ${context.exports.length}`);
        const params = func.function.params;
        if (next.args.length !== params.length) return stop(`\`${callNameOf(func)}\` takes ${params.length} argument(s), the host gave ${next.args.length}`);
        return { call: { fn: next.function, args: params.map((param, i) => parseValue(next.args[i] as string, param.type)) } };
      },
      beginExport: () => stop('the host called an export directly'),
      endExport(fn, result): Step {
        const type = fn.function.result;
        prompt.returned(context.exports.indexOf(fn), type === undefined || result === undefined ? null : printValue(result, type));
        return {};
      },
      beginImport(fn, args): Step {
        begin();
        const answer = prompt.callImport(context.imports.indexOf(fn), printArgs(fn, args));
        if (answer.tag === 'fail') return { report: `dialog: the host failed \`${callNameOf(fn)}\`: ${answer.val}\n`, fail: true };
        const type = fn.function.result;
        if (type === undefined) return { answer: {} };
        if (answer.val === null || answer.val === undefined) return stop(`the host gave no result for \`${callNameOf(fn)}\`, which returns one`);
        return { answer: { value: parseValue(answer.val, type) } };
      },
      endImport: () => stop('an import was forwarded to the host'),
      failed: (message) => stop(message),
    };
  };
}

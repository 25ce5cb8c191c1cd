/**
 * What a trace tells about the resource handles its calls pass around, for
 * people reading a report:
 *
 * - `describeHandleArgs`: the handles an export call was given, described by
 *   the answers of their getters in that call. An HTTP handler's export is
 *   `handle(#1, #2)`; its import calls `[method]incoming-request.method(#1) -> post`
 *   and `path-with-query(#1) -> some("/a")` make it
 *   `#1 {method: post, path-with-query: some("/a")}`, which
 *   names the request in a divergence or a test name.
 * - `HandleHistory`: where a handle number came from and where it went up
 *   to a line, kept a call at a time so a trace that streams tells it too (made by a call: an import's answer, an export's result, or the
 *   first export call the host passed it to; given away to one as `own`;
 *   never made), to explain a divergence about a handle.
 *
 * Nothing here knows about HTTP: a getter is any method whose only parameter
 * is its `self` and whose result holds no handle.
 */
import { ResourceHandle, type Value } from '../values/value.js';
import { forEachHandle, typeHasHandles } from '../values/walk.js';
import { printValue } from '../wave/print.js';
import { declaredResourceName, type HandleType, type WitType } from '../wit/types.js';
import type { WitFunction } from '../wit/world.js';
import type { ExportCall, ImportCall } from './model.js';

/** One line per handle argument of `call` that its getters describe, in argument order. */
export function describeHandleArgs(call: ExportCall): string[] {
  const descriptions: string[] = [];
  call.function.function.params.forEach((param, i) => {
    if (param.type.kind !== 'own' && param.type.kind !== 'borrow') return;
    const handle = call.args[i];
    if (!(handle instanceof ResourceHandle)) return;
    const fields = getterAnswers(call.imports, handle.id);
    if (fields.length === 0) return;
    descriptions.push(`#${handle.id} {${fields.join(', ')}}`);
  });
  return descriptions;
}

/** `method: post`, in the order the getters were first called on the handle. */
function getterAnswers(imports: readonly ImportCall[], id: number): string[] {
  const answers = new Map<string, string>();
  for (const imported of imports) {
    const fn = imported.function.function;
    if (!isGetter(fn) || fn.result === undefined || imported.outcome.kind !== 'return' || imported.outcome.value === undefined) continue;
    const self = imported.args[0];
    if (!(self instanceof ResourceHandle) || self.id !== id) continue;
    const name = fn.name.slice(fn.name.lastIndexOf('.') + 1);
    if (!answers.has(name)) answers.set(name, `${name}: ${printValue(imported.outcome.value, fn.result)}`);
  }
  return [...answers.values()];
}

function isGetter(fn: WitFunction): boolean {
  return fn.kind === 'method' && fn.params.length === 1 && fn.result !== undefined && !typeHasHandles(fn.result);
}

/** Where in a trace: the export call (0-based) and the line of the call in it, when read from a file. */
export interface TracePoint {
  readonly callIndex: number;
  readonly line?: number;
}

/**
 * A call a story names: an import call by its name, an export call by its index too. Kept as parts
 * and worded only when a story is told (a divergence), not for every handle of every call.
 */
interface StoryCall {
  readonly name: string;
  readonly exportIndex?: number;
}

/** What a trace did with one handle number so far: the call that made it, and the call it was given away to since. */
interface HandleStory {
  readonly made?: { readonly resource: HandleType['resource']; readonly by: StoryCall; readonly line?: number; readonly inCall?: number };
  readonly given?: { readonly to: StoryCall; readonly line?: number };
}

/**
 * The stories of the handles of a trace read a call at a time: each export
 * call is added once it is over, so a trace that streams (whose calls are not
 * kept) still tells where a handle came from. It keeps one short story per
 * handle number, never the calls.
 */
export class HandleHistory {
  private readonly stories = new Map<number, HandleStory>();

  /** Export call `callIndex`, over: what it did with handles, its result included. */
  add(call: ExportCall, callIndex: number): void {
    walkHandles(call, callIndex, true, () => true, true, (id, update) => {
      this.stories.set(id, update(this.stories.get(id) ?? {}));
    });
  }

  /**
   * The story of handle `id` before `point`, in `current` (the export call
   * at `point.callIndex`, whose lines before `point.line` count) after the
   * calls added, as a clause:
   * `which no earlier call of the trace made`,
   * `a fields made by \`[static]fields.from-list\` at line 14`,
   * `an outgoing-body made by ... at line 30, given away to \`[static]outgoing-body.finish\` at line 41`.
   */
  story(id: number, current: ExportCall, point: TracePoint): string {
    let story = this.stories.get(id) ?? {};
    const before = (line: number | undefined) => line !== undefined && point.line !== undefined && line < point.line;
    const argsBefore = current.line === undefined || point.line === undefined || current.line < point.line;
    walkHandles(current, point.callIndex, argsBefore, before, false, (seen, update) => {
      if (seen === id) story = update(story);
    });
    const { made, given } = story;
    if (made === undefined) return 'which no earlier call of the trace made';
    const resource = declaredResourceName(made.resource);
    const madeText = `${article(resource)} ${resource} made by ${callText(made.by)}${at(made.line)}${made.inCall !== undefined && made.inCall < point.callIndex ? ` in export call #${made.inCall + 1}` : ''}`;
    return given === undefined ? madeText : `${madeText}, given away to ${callText(given.to)}${at(given.line)}`;
  }
}

/**
 * Every handle an export call passes, in order: its arguments when `args`,
 * then its import calls while `counts` accepts their line, then its result
 * when `result`. The first the trace shows of a handle the host made is an
 * export argument that makes it; a handle known already, passed as own, goes
 * to the component. An own handle given to an import gives it away, an
 * import's answer makes it anew, and so does the component's result.
 */
function walkHandles(
  call: ExportCall,
  callIndex: number,
  args: boolean,
  counts: (line: number | undefined) => boolean,
  result: boolean,
  see: (id: number, update: (story: HandleStory) => HandleStory) => void,
): void {
  const visit = (value: Value | undefined, type: WitType | undefined, each: (id: number, handleType: HandleType) => void) => {
    if (value !== undefined && type !== undefined) forEachHandle(value, type, (handle, handleType) => each(handle.id, handleType));
  };
  const exportCall: StoryCall = { name: call.name, exportIndex: callIndex };
  if (args) {
    call.function.function.params.forEach((param, i) =>
      visit(call.args[i], param.type, (id, type) =>
        see(id, (story) => {
          if (story.made === undefined) return { made: { resource: type.resource, by: exportCall, ...lineOf(call.line) } };
          return type.kind === 'own' ? { ...story, given: { to: exportCall, ...lineOf(call.line) } } : story;
        }),
      ),
    );
  }
  for (const imported of call.imports) {
    if (!counts(imported.line)) break;
    imported.function.function.params.forEach((param, i) =>
      visit(imported.args[i], param.type, (id, type) => {
        if (type.kind === 'own') see(id, (story) => ({ ...story, given: { to: { name: imported.name }, ...lineOf(imported.line) } }));
      }),
    );
    if (imported.outcome.kind === 'return') {
      visit(imported.outcome.value, imported.function.function.result, (id, type) =>
        see(id, () => ({ made: { resource: type.resource, by: { name: imported.name }, inCall: callIndex, ...lineOf(imported.line) } })),
      );
    }
  }
  // A handle the component returned from an export call: it made it there.
  if (result && call.outcome.kind === 'return') {
    visit(call.outcome.value, call.function.function.result, (id, type) =>
      see(id, () => ({ made: { resource: type.resource, by: exportCall, ...lineOf(call.outcomeLine ?? call.line) } })),
    );
  }
}

function lineOf(line: number | undefined): { line?: number } {
  return line === undefined ? {} : { line };
}

/** `\`[static]outgoing-body.finish\``, `export call #2 \`run\``. */
function callText(call: StoryCall): string {
  return call.exportIndex === undefined ? `\`${call.name}\`` : `export call #${call.exportIndex + 1} \`${call.name}\``;
}

function at(line: number | undefined): string {
  return line === undefined ? '' : ` at line ${line}`;
}

function article(noun: string): string {
  return /^[aeiou]/i.test(noun) ? 'an' : 'a';
}

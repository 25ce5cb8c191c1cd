/**
 * Patches to jco's generated glue, applied once when a component is
 * transpiled (transpile-cache.ts), that make its calls cheaper without
 * changing what they do. Each recognises jco-transpile's text exactly and
 * leaves the source as it is where the text differs (another jco-transpile,
 * such as the 0.7.0 that jco 1.28.1 ships): a patch is an optimisation, never
 * a requirement.
 *
 * - Debug logging: the glue reads `process.env.JCO_DEBUG` on every one of the
 *   many debug-log calls a call makes; it is read once per instance instead.
 * - Sync host imports: for every import call, jco 0.15's glue builds a
 *   subtask (with a waitable in the component's handle table) and a host task
 *   (with three promises and a resource scope), links them, resolves the one
 *   through the other and takes them apart again: bookkeeping for the
 *   component model's async ABI, about half of an import call's time. For a
 *   sync-lowered import of a sync function (nothing can suspend, nothing can
 *   observe the subtask: its handle is inserted and removed in the same call,
 *   leaving the table as it was), the patched glue calls the host directly,
 *   with a stand-in for the host task, and builds the real subtask and host
 *   task only if the call fails, in the state the original code would have
 *   left them (see SYNC_HOST_CALL). What stays: the may-leave check, the
 *   caller task's return memory and progress notification, the current-task
 *   meta around the host call, the host-operation tracking, every lift and
 *   lower, and the result the core module receives. One difference: a host
 *   that re-enters the same instance during a sync import (an export call
 *   from inside the import) would see waitable handles numbered without the
 *   skipped subtask's; the component model forbids that re-entry (it traps).
 */

/** What a patch did, for tests and for the cache's metadata. */
export interface GluePatchResult {
  readonly source: string;
  /** Names of the patches that applied. */
  readonly applied: readonly string[];
  /** Import trampolines given the sync host fast path. */
  readonly fastTrampolines: number;
}

const DEBUG_CHECK = 'if (!globalThis?.process?.env?.JCO_DEBUG) { return; }';
const DEBUG_ONCE = 'const _jcoDebugOnce = !!globalThis?.process?.env?.JCO_DEBUG;';
const DEBUG_LOG = 'const _debugLog = (...args) => {';

function patchDebugLog(source: string): string | undefined {
  const at = source.indexOf(DEBUG_LOG);
  if (at < 0 || !source.includes(DEBUG_CHECK)) return undefined;
  return `${source.slice(0, at)}${DEBUG_ONCE}\n  ${source.slice(at).replace(DEBUG_CHECK, 'if (!_jcoDebugOnce) { return; }')}`;
}

/** The property that marks a trampoline patched for the fast path. */
const FAST = '_pcSyncHostFastPath';

/** `_lowerImportBackwardsCompat`'s parameter copy (a spread of `arguments`, costly) and its subtask creation. */
const LOWER_HEAD = '  function _lowerImportBackwardsCompat(args) {\n    const params = [...arguments].slice(1);\n';
const LOWER_SUBTASK = /\n    const resultPtr = hasResultPointer \? params\[params\.length - 1\] : undefined;\n    const subtask = task\.createSubtask\((\{\n      componentIdx,\n      parentTask: task,\n      fnName: importFn\.fnName,\n      isAsync,\n      isManualAsync,\n      callMetadata: \{\n        memoryIdx,\n        memory,\n        realloc: getReallocFn\?\.\(\),\n        getReallocFn,\n        resultPtr,\n        lowers: resultLowerFns,\n        funcTypeIsAsync,\n        stringEncoding,\n      \}\n    \})\);\n    task\.setReturnMemoryIdx\(memoryIdx\);\n    task\.setReturnMemory\(getMemoryFn\(\)\);\n    \n    subtask\.onStart\(\);\n/;
const SYNC_BRANCH = '    if (!isManualAsync && !isAsync && !funcTypeIsAsync) {\n      if (createdTask) { createdTask.enterSync(); }\n      \n      const res = importFn(...params);\n';

/**
 * The fast path's runtime, placed before `_lowerImportBackwardsCompat`. A
 * call hands the trampoline a stand-in host task through `_pcSyncHostHandoff`
 * (taken at once, so no other call sees it). The stand-in answers what the
 * trampoline asks of a host task on success (enterSync, id, componentIdx,
 * resolve, exit: nothing else reads the host task, whose only effect there is
 * to resolve the subtask the fast path does not build). On failure (the
 * trampoline's catch, or anything thrown before it returns) it builds the
 * subtask and the host task as the original code would have, started and
 * entered, and hands every later call on to the real host task.
 */
const SYNC_HOST_CALL = `
  let _pcSyncHostHandoff = null;
  class _PcSyncHostTask {
    constructor(createSubtask) {
      this.taskID = ++AsyncTask._ID;
      this.createSubtask = createSubtask;
      this.real = null;
      this.subtask = null;
      this.fullTask = null;
    }
    materialise() {
      if (this.real !== null) { return this.real; }
      if (this.subtask === null) {
        this.subtask = this.createSubtask();
        this.subtask.onStart();
      }
      if (this.fullTask !== null) {
        this.real = this.fullTask();
        this.real.enterSync();
      }
      return this.real;
    }
    enterSync() { return true; }
    id() { return this.real === null ? this.taskID : this.real.id(); }
    componentIdx() { return -1; }
    getParentSubtask() { return this.materialise().getParentSubtask(); }
    setErrored(err) { this.materialise().setErrored(err); }
    reject(err) { this.materialise().reject(err); }
    resolve(results) { if (this.real !== null) { this.real.resolve(results); } }
    exit() { if (this.real !== null) { this.real.exit(); } }
  }
  function _pcSyncHostCall(task, importFn, params, createSubtask) {
    const stand = new _PcSyncHostTask(createSubtask);
    task.notifyProgress();
    _pcSyncHostHandoff = stand;
    try {
      return importFn.apply(null, params);
    } catch (err) {
      stand.materialise();
      throw err;
    } finally {
      _pcSyncHostHandoff = null;
    }
  }
  function _pcTakeSyncHostCall(fullTask) {
    const stand = _pcSyncHostHandoff;
    if (stand === null) { return null; }
    _pcSyncHostHandoff = null;
    stand.fullTask = fullTask;
    return stand;
  }
`;

function patchLowerImport(source: string): string | undefined {
  const head = source.indexOf(LOWER_HEAD);
  if (head < 0 || source.indexOf(LOWER_HEAD, head + 1) >= 0) return undefined;
  const subtask = LOWER_SUBTASK.exec(source.slice(head));
  if (subtask === null) return undefined;
  const subtaskAt = head + subtask.index;
  const branch = source.indexOf(SYNC_BRANCH, subtaskAt);
  if (branch < 0 || !source.includes('class AsyncTask {') || !source.includes('static _ID = 0n;')) return undefined;
  const createArgs = subtask[1] as string;
  const fast = [
    '\n    const resultPtr = hasResultPointer ? params[params.length - 1] : undefined;',
    `    if (!isManualAsync && !isAsync && !funcTypeIsAsync && !createdTask && importFn.${FAST} === true) {`,
    '      task.setReturnMemoryIdx(memoryIdx);',
    '      task.setReturnMemory(getMemoryFn());',
    `      return _pcSyncHostCall(task, importFn, params, () => task.createSubtask(${createArgs.replace(/\n/g, '\n    ')}));`,
    '    }',
  ].join('\n');
  const patchedLower = `${source.slice(head, subtaskAt).replace('    const params = [...arguments].slice(1);\n', '    const params = Array.prototype.slice.call(arguments, 1);\n')}${fast}${subtask[0].slice('\n    const resultPtr = hasResultPointer ? params[params.length - 1] : undefined;'.length)}`;
  return `${source.slice(0, head)}${SYNC_HOST_CALL}${patchedLower}${source.slice(subtaskAt + subtask[0].length)}`;
}

/**
 * A trampoline for a host import, as jco 0.15 writes it: its host task is
 * created in a `taskCreation` block and entered; the fast path wraps that in
 * `fullTask`, run unless a stand-in was handed over. Lines are relative to
 * the trampoline body's indentation (which depends on where jco nests it);
 * `«name»`, `«errors»` and `«n»` stand for the parts that vary.
 */
const HOST_TASK_LINES = [
  'const hostProvided = true;',
  '',
  'let parentTask;',
  'let task;',
  'let subtask;',
  '',
  'const createTask = () => {',
  '  const results = createNewCurrentTask({',
  '    componentIdx: -1,',
  '    isAsync: false,',
  "    entryFnName: '«name»',",
  '    getCallbackFn: () => null,',
  '    callbackFnName: null,',
  "    errHandling: '«errors»',",
  '    callingWasmExport: false,',
  '  });',
  '  task = results[0];',
  '};',
  '',
  '(',
  'taskCreation: {',
  '  parentTask = getCurrentTask(',
  '  «n»,',
  '  _getGlobalCurrentTaskMeta(«n»)?.taskID,',
  '  )?.task;',
  '  ',
  '  if (!parentTask) {',
  '    createTask();',
  '    break taskCreation;',
  '  }',
  '  ',
  '  createTask();',
  '  ',
  '  if (hostProvided) {',
  '    subtask = parentTask.getLatestSubtask();',
  '    if (!subtask) {',
  '      throw new Error(`Missing subtask (in parent task [${parentTask.id()}]) for host import, has the import been lowered? (ensure asyncImports are set properly)`);',
  '    }',
  '    task.setParentSubtask(subtask);',
  '  }',
  '}',
  ')',
  '',
  'const started = task.enterSync();',
];
const PLACEHOLDERS: Record<string, string> = { '«name»': "[^'\\n]*", '«errors»': '(?:none|result-catch-handler)', '«n»': '\\d+' };
/** HOST_TASK_LINES as a regular expression: group 1 the indentation, group 2 the taskCreation block. */
const HOST_TASK = new RegExp(
  `\\n( +)${HOST_TASK_LINES.map((line) => {
    if (line === '(' || line === ')') return line;
    const escaped = line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/«\w+»/g, (placeholder) => PLACEHOLDERS[placeholder] ?? placeholder);
    return `${escaped}\\n\\1`;
  })
    .join('')
    .replace(/\\1\(/, '(\\1')
    .replace('\\n\\1)', '\\n)\\1')
    .replace(/\\1$/, '')}`,
);
/** The task calls a fast trampoline may make, besides those of HOST_TASK: each one the stand-in answers. */
const TASK_CALL = /\btask\.(\w+)\(/g;
const STAND_IN_METHODS = new Set(['enterSync', 'id', 'componentIdx', 'getParentSubtask', 'setErrored', 'reject', 'resolve', 'exit', 'setParentSubtask']);

function patchTrampolines(source: string): { source: string; count: number } {
  const start = /\n( +)const (_trampoline\d+) = function\(/g;
  let out = '';
  let last = 0;
  let count = 0;
  for (let match = start.exec(source); match !== null; match = start.exec(source)) {
    const indent = match[1] as string;
    const name = match[2] as string;
    const endMarker = `\n${indent}${name}.fnName = `;
    const end = source.indexOf(endMarker, match.index);
    if (end < 0) continue;
    const body = source.slice(match.index, end);
    // Only a body that is one whole trampoline (no other starts inside) with exactly one host task block.
    if (/\n +const _trampoline\d+ = /.test(body.slice(1))) continue;
    const hostTask = HOST_TASK.exec(body);
    if (hostTask === null || HOST_TASK.exec(body.slice(hostTask.index + hostTask[0].length)) !== null) continue;
    const calls = [...body.matchAll(TASK_CALL)].map((call) => call[1] as string);
    if (calls.some((method) => !STAND_IN_METHODS.has(method)) || /\btask\b(?![.\s=;(])/.test(body.replace(/\btask(Creation|ID)\b/g, ''))) continue;
    if (!resultsAgree(body, indent)) continue;
    const block = hostTask[2] as string;
    const inner = `${indent}  `;
    const replaced = hostTask[0]
      .replace(block, `${inner}const _pcFullTask = () => {\n${block.replace(/^(?=.)/gm, '  ')}${inner}  return task;\n${inner}};\n${inner}task = _pcTakeSyncHostCall(_pcFullTask);\n${inner}if (task === null) { _pcFullTask(); }\n`);
    const lineEnd = source.indexOf('\n', end + 1);
    out += source.slice(last, match.index) + body.replace(hostTask[0], replaced) + source.slice(end, lineEnd) + `\n${indent}${name}.${FAST} = true;`;
    last = lineEnd;
    count++;
  }
  return { source: out + source.slice(last), count };
}

/**
 * The original hands the core module the value its host task resolved with
 * (the subtask's result), the fast path what the trampoline returns: the
 * same, when each `task.resolve([x]); task.exit();` is followed by `return x;`
 * or by the end of the function (the core function has no result then, and
 * the value is dropped).
 */
function resultsAgree(body: string, indent: string): boolean {
  const text = `${body}\n`;
  const inner = `${indent}  `;
  const resolves = [...text.matchAll(new RegExp(`\\n${inner}task\\.resolve\\(\\[([^\\n]*)\\]\\);\\n${inner}task\\.exit\\(\\);\\n([^\\n]*)\\n`, 'g'))];
  if (resolves.length === 0 || resolves.length !== [...body.matchAll(/task\.resolve\(/g)].length) return false;
  return resolves.every((resolve) => {
    const next = resolve[2] as string;
    return next === `${inner}return ${resolve[1] as string};` || (next === `${indent}}` && resolve.index + resolve[0].length === text.length);
  });
}

/** The glue with every patch that recognises its text applied. */
export function patchGlue(source: string): GluePatchResult {
  const applied: string[] = [];
  let patched = source;
  const debug = patchDebugLog(patched);
  if (debug !== undefined) {
    patched = debug;
    applied.push('debug-log-once');
  }
  let fastTrampolines = 0;
  const lowered = patchLowerImport(patched);
  if (lowered !== undefined) {
    const trampolines = patchTrampolines(lowered);
    // Without a trampoline to take it, the fast path would never run: leave the glue as it was.
    if (trampolines.count > 0) {
      patched = trampolines.source;
      fastTrampolines = trampolines.count;
      applied.push('sync-host-import');
    }
  }
  return { source: patched, applied, fastTrampolines };
}

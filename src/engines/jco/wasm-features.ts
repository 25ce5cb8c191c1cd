/**
 * Wasm features that components need but Node 20 keeps behind flags:
 * extended-const (componentize-qjs output uses it). V8 accepts the flag at run
 * time as long as no module using the feature has been compiled yet; Node 22
 * and later have it on by default, where this does nothing.
 */
import { setFlagsFromString } from 'node:v8';

let enabled = false;

export function enableWasmFeatures(): void {
  if (enabled) return;
  enabled = true;
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 22) setFlagsFromString('--experimental-wasm-extended-const');
}

/**
 * The Wasm feature an engine's compile error shows it lacks, as a phrase, or
 * undefined. Extended-const is the one components meet: `i32.add` and its
 * kin are MVP instructions, so an engine that rejects one can only be
 * rejecting it in a constant expression. SpiderMonkey 102 (gjs 1.74) says
 * `unrecognized opcode: 6a 0`, V8 without the flag `opcode i32.add is not
 * allowed in constant expressions`.
 */
export function missingWasmFeature(compileError: string): string | undefined {
  if (/unrecognized opcode: (6a|6b|6c|7c|7d|7e) 0\b/.test(compileError) || /opcode [if](32|64)\.(add|sub|mul) is not allowed in constant expressions/.test(compileError)) {
    return 'Wasm extended-const';
  }
  return undefined;
}

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

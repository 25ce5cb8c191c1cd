/**
 * Feature gates (`@since`, `@unstable`, `@deprecated`) are kept in the syntax
 * tree but do not filter anything: every gated item is loaded, `@unstable` ones
 * included. The one rule checked is the reference implementation's: a package
 * whose items carry a version gate must itself have a version.
 */
import type { Gate, InterfaceItemSyntax, PackageUnitSyntax } from './ast.js';

/** The first `@since` or `@deprecated` gate in `units`, if any. */
export function findVersionGate(units: readonly PackageUnitSyntax[]): Gate | undefined {
  for (const unit of units) {
    for (const item of unit.items) {
      const found = versionGate(item.gates) ?? (item.kind === 'interface' ? inInterface(item.items) : item.kind === 'world' ? inWorld(item.items) : undefined);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function versionGate(gates: readonly Gate[]): Gate | undefined {
  return gates.find((gate) => gate.kind === 'since' || gate.kind === 'deprecated');
}

function inInterface(items: readonly InterfaceItemSyntax[]): Gate | undefined {
  for (const item of items) {
    const gates = item.kind === 'type' ? item.def.gates : item.gates;
    const found = versionGate(gates) ?? (item.kind === 'type' && item.def.kind === 'resource' ? firstOf(item.def.functions.map((f) => versionGate(f.gates))) : undefined);
    if (found !== undefined) return found;
  }
  return undefined;
}

function inWorld(items: Extract<PackageUnitSyntax['items'][number], { kind: 'world' }>['items']): Gate | undefined {
  for (const item of items) {
    if (item.kind === 'type') {
      const found = inInterface([item]);
      if (found !== undefined) return found;
      continue;
    }
    const found = versionGate(item.gates) ?? (item.kind !== 'use' && item.kind !== 'include' && item.extern.kind === 'interface' ? inInterface(item.extern.items) : undefined);
    if (found !== undefined) return found;
  }
  return undefined;
}

function firstOf(gates: readonly (Gate | undefined)[]): Gate | undefined {
  return gates.find((gate) => gate !== undefined);
}

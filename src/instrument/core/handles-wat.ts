/**
 * Resource handles in the generated virtualizers, in WAT: how each side's
 * handles become trace numbers and back (the `HandleWat`s the codecs use),
 * the table that keeps handles by number, and the functions and core names
 * that come with resources (see ../resources.ts for the design).
 *
 * The imports virtualizer defines one resource per resource the app imports,
 * its representation the handle's number: the app's own handles turn into
 * numbers by `resource.rep` (a borrow is lent as the representation itself),
 * numbers into handles by `resource.new`. Recording, the real host's handles
 * are kept in the table, and a handle's destructor (the app dropped it) drops
 * the real one.
 *
 * The exports virtualizer keeps the app's handles of its exported resources
 * in the table; recording, it defines a wrapping resource for each (the
 * composed component's export), whose destructor drops the app's handle.
 * Handles of imported resources that the app's exports carry it gets from the
 * imports virtualizer's helpers.
 *
 * Moving an `own` handle out of a virtualizer drops it there; that drop is
 * silent (`$silent`): the destructor must not drop what was moved on.
 */
import type { HandleType } from '../../wit/types.js';
import { HANDLES_INTERFACE } from '../resources.js';
import { TRACER_ID } from '../tracer-wit.js';
import type { HandleWat } from './codec-wat.js';

/** Most handle numbers a run may use: the table has a slot for each (4 MiB). */
export const HANDLE_LIMIT = 1 << 20;

/** A resource as one virtualizer meets it, with the core names it is reached by. */
export interface ModuleResource {
  readonly index: number;
  readonly side: 'import' | 'export';
  /** Its name in the interfaces below (the declared name). */
  readonly name: string;
  /**
   * The interface (core module name) that declares the resource the app's
   * handles are of, from this module's point of view: the imports
   * virtualizer's copy (`pc-guest:...`, or `pc-guest:root/funcs`) for an
   * imported resource, the app's export copy (`pc-app:...`) for an exported one.
   */
  readonly appInterface: string;
  /** Recording: the interface of the real host's resource (imports role: the import, `$root` at world level; exports role: the export it defines). */
  readonly hostInterface?: string;
  /** An imported resource the app's exports carry (the imports virtualizer lends it). */
  readonly lent: boolean;
}

export interface HandlesPlan {
  readonly role: 'imports' | 'exports';
  readonly recording: boolean;
  readonly resources: readonly ModuleResource[];
  /** The resource a handle type refers to (an alias finds its original). */
  readonly lookup: (type: HandleType) => ModuleResource;
}

/** What handles add to a module: core imports, definitions, and how each side's handles are numbered. */
export interface HandlesWat {
  readonly imports: readonly string[];
  readonly definitions: string;
  /** Whether the module needs the handle table (its memory then holds HANDLE_LIMIT slots). */
  readonly table: boolean;
  /** The side the module's exported functions are called from (the app, or the host when recording exports). */
  readonly callee: HandleWat;
  /** The side the module calls (the real host when recording imports, the app for exports). */
  readonly target: HandleWat;
  /** Code run after calling the target: drops the handles lent for the call. */
  readonly afterTarget: string;
}

export function handlesWat(plan: HandlesPlan, tableBase: number): HandlesWat {
  if (plan.resources.length === 0) {
    const none: HandleWat = {
      toNumber: (type) => unplanned(type),
      fromNumber: (type) => unplanned(type),
    };
    return { imports: [], definitions: '', table: false, callee: none, target: none, afterTarget: '' };
  }
  return plan.role === 'imports' ? importsRole(plan, tableBase) : exportsRole(plan, tableBase);
}

function unplanned(type: HandleType): never {
  throw new Error(`the resource ${type.resource.id} is not planned for this virtualizer`);
}

/** The table of handles by number, and the tracer's numbering. */
function tableWat(tableBase: number): { imports: string[]; definitions: string } {
  return {
    imports: [`  (import "${TRACER_ID}" "new-handle" (func $t_new_handle (result i32)))`],
    definitions: `
  (func $slot (param $n i32) (result i32)
    (if (i32.ge_u (local.get $n) (i32.const ${HANDLE_LIMIT})) (then unreachable))
    (i32.add (i32.const ${tableBase}) (i32.shl (local.get $n) (i32.const 2))))
  (func $tbl_get (param $n i32) (result i32) (i32.load (call $slot (local.get $n))))
  (func $tbl_take (param $n i32) (result i32) (local $p i32) (local $h i32)
    (local.set $p (call $slot (local.get $n)))
    (local.set $h (i32.load (local.get $p)))
    (i32.store (local.get $p) (i32.const 0))
    (local.get $h))
  ;; Number 0: the tracer could not number it, and says why at its next reply (which stops the run).
  (func $tbl_put_new (param $h i32) (result i32) (local $n i32)
    (local.set $n (call $t_new_handle))
    (if (i32.eqz (local.get $n)) (then (return (i32.const 0))))
    (i32.store (call $slot (local.get $n)) (local.get $h))
    (local.get $n))
  (global $silent (mut i32) (i32.const 0))`,
  };
}

/** Moving an own handle of a resource this module defines out: its number, the handle dropped without the destructor acting. */
function takeOwn(k: number, rep: string, drop: string): string {
  return `
  (func $take_own${k} (param $h i32) (result i32) (local $n i32)
    (local.set $n (call ${rep} (local.get $h)))
    (global.set $silent (i32.const 1))
    (call ${drop} (local.get $h))
    (global.set $silent (i32.const 0))
    (local.get $n))`;
}

function importsRole(plan: HandlesPlan, tableBase: number): HandlesWat {
  const imports: string[] = [];
  const parts: string[] = [];
  const table = plan.recording;
  if (table) {
    const t = tableWat(tableBase);
    imports.push(...t.imports);
    parts.push(t.definitions);
  } else {
    parts.push('  (global $silent (mut i32) (i32.const 0))');
  }
  for (const resource of plan.resources) {
    const k = resource.index;
    const defined = `[export]${resource.appInterface}`;
    imports.push(
      `  (import "${defined}" "[resource-new]${resource.name}" (func $new${k} (param i32) (result i32)))`,
      `  (import "${defined}" "[resource-rep]${resource.name}" (func $rep${k} (param i32) (result i32)))`,
      `  (import "${defined}" "[resource-drop]${resource.name}" (func $drop${k} (param i32)))`,
    );
    parts.push(takeOwn(k, `$rep${k}`, `$drop${k}`));
    if (plan.recording) {
      const host = resource.hostInterface as string;
      imports.push(`  (import "${host}" "[resource-drop]${resource.name}" (func $host_drop${k} (param i32)))`);
      // The app dropped its handle: the real one goes too, unless it was moved on.
      parts.push(`
  (func (export "${resource.appInterface}#[dtor]${resource.name}") (param $n i32) (local $h i32)
    (if (global.get $silent) (then (return)))
    (local.set $h (call $tbl_take (local.get $n)))
    (if (local.get $h) (then (call $host_drop${k} (local.get $h)))))`);
    }
    if (resource.lent) {
      parts.push(`
  (func (export "${HANDLES_INTERFACE}#make-${k}") (param $n i32) (result i32) (call $new${k} (local.get $n)))
  (func (export "${HANDLES_INTERFACE}#take-${k}") (param $h i32) (result i32) (call $take_own${k} (local.get $h)))`);
      if (plan.recording) {
        parts.push(`
  (func (export "${HANDLES_INTERFACE}#wrap-${k}") (param $h i32) (result i32) (call $tbl_put_new (local.get $h)))
  (func (export "${HANDLES_INTERFACE}#unwrap-${k}") (param $n i32) (result i32) (call $tbl_take (local.get $n)))`);
      }
    }
  }
  return {
    imports,
    definitions: parts.join('\n'),
    table,
    callee: {
      toNumber: (type, abi) => (type.kind === 'borrow' ? abi : `(call $take_own${indexOf(plan, type)} ${abi})`),
      fromNumber: (type, number) => (type.kind === 'own' ? `(call $new${indexOf(plan, type)} ${number})` : unreachableBorrow(type)),
    },
    target: {
      toNumber: (type, abi) => (type.kind === 'own' ? `(call $tbl_put_new ${abi})` : unreachableBorrow(type)),
      fromNumber: (type, number) => (type.kind === 'own' ? `(call $tbl_take ${number})` : `(call $tbl_get ${number})`),
    },
    afterTarget: '',
  };
}

function exportsRole(plan: HandlesPlan, tableBase: number): HandlesWat {
  const imports: string[] = [];
  const parts: string[] = [];
  const exported = plan.resources.filter((resource) => resource.side === 'export');
  const lent = plan.resources.filter((resource) => resource.side === 'import');
  const table = exported.length > 0;
  if (table) {
    const t = tableWat(tableBase);
    imports.push(...t.imports);
    parts.push(t.definitions);
  } else {
    parts.push('  (global $silent (mut i32) (i32.const 0))');
  }
  for (const resource of exported) {
    const k = resource.index;
    if (!plan.recording) continue;
    const defined = `[export]${resource.hostInterface as string}`;
    imports.push(
      `  (import "${defined}" "[resource-new]${resource.name}" (func $new${k} (param i32) (result i32)))`,
      `  (import "${defined}" "[resource-rep]${resource.name}" (func $rep${k} (param i32) (result i32)))`,
      `  (import "${defined}" "[resource-drop]${resource.name}" (func $drop${k} (param i32)))`,
      `  (import "${resource.appInterface}" "[resource-drop]${resource.name}" (func $app_drop${k} (param i32)))`,
    );
    parts.push(takeOwn(k, `$rep${k}`, `$drop${k}`));
    // The host dropped its handle of the wrapper: the app's handle goes too, unless it was moved on.
    parts.push(`
  (func (export "${resource.hostInterface as string}#[dtor]${resource.name}") (param $n i32) (local $h i32)
    (if (global.get $silent) (then (return)))
    (local.set $h (call $tbl_take (local.get $n)))
    (if (local.get $h) (then (call $app_drop${k} (local.get $h)))))`);
  }
  for (const resource of lent) {
    const k = resource.index;
    imports.push(
      `  (import "${HANDLES_INTERFACE}" "make-${k}" (func $make${k} (param i32) (result i32)))`,
      `  (import "${HANDLES_INTERFACE}" "take-${k}" (func $take${k} (param i32) (result i32)))`,
      `  (import "${resource.appInterface}" "[resource-drop]${resource.name}" (func $lent_drop${k} (param i32)))`,
    );
    if (plan.recording) {
      imports.push(
        `  (import "${HANDLES_INTERFACE}" "wrap-${k}" (func $wrap${k} (param i32) (result i32)))`,
        `  (import "${HANDLES_INTERFACE}" "unwrap-${k}" (func $unwrap${k} (param i32) (result i32)))`,
      );
    }
  }
  let afterTarget = '';
  if (lent.length > 0) {
    // Handles made to lend for one call: a list in the call's heap, dropped when the call returns.
    const drops = lent.map((resource) => `(if (i32.eq (i32.load offset=4 (local.get $p)) (i32.const ${resource.index})) (then (call $lent_drop${resource.index} (i32.load (local.get $p)))))`);
    parts.push(`
  (global $lent (mut i32) (i32.const 0))
  (func $lend (param $h i32) (param $k i32) (result i32) (local $p i32)
    (local.set $p (call $alloc (i32.const 12) (i32.const 4)))
    (i32.store (local.get $p) (local.get $h))
    (i32.store offset=4 (local.get $p) (local.get $k))
    (i32.store offset=8 (local.get $p) (global.get $lent))
    (global.set $lent (local.get $p))
    (local.get $h))
  (func $drop_lent (local $p i32)
    (local.set $p (global.get $lent))
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $p)))
      ${drops.join('\n      ')}
      (local.set $p (i32.load offset=8 (local.get $p)))
      (br $next)))
    (global.set $lent (i32.const 0)))`);
    afterTarget = '(call $drop_lent)';
  }
  const isExported = (type: HandleType) => sideOf(plan, type) === 'export';
  return {
    imports,
    definitions: parts.join('\n'),
    table,
    // The host's side (recording): the wrappers this module defines, and the real host's handles the imports virtualizer keeps.
    callee: {
      toNumber: (type, abi) => {
        const k = indexOf(plan, type);
        if (isExported(type)) return type.kind === 'borrow' ? abi : `(call $take_own${k} ${abi})`;
        return type.kind === 'own' ? `(call $wrap${k} ${abi})` : unreachableBorrow(type);
      },
      fromNumber: (type, number) => {
        const k = indexOf(plan, type);
        if (type.kind === 'borrow') return unreachableBorrow(type);
        return isExported(type) ? `(call $new${k} ${number})` : `(call $unwrap${k} ${number})`;
      },
    },
    // The app's side: its handles of its own resources in the table, of imported ones from the imports virtualizer.
    target: {
      toNumber: (type, abi) => {
        if (type.kind === 'borrow') return unreachableBorrow(type);
        return isExported(type) ? `(call $tbl_put_new ${abi})` : `(call $take${indexOf(plan, type)} ${abi})`;
      },
      fromNumber: (type, number) => {
        const k = indexOf(plan, type);
        if (isExported(type)) return type.kind === 'own' ? `(call $tbl_take ${number})` : `(call $tbl_get ${number})`;
        return type.kind === 'own' ? `(call $make${k} ${number})` : `(call $lend (call $make${k} ${number}) (i32.const ${k}))`;
      },
    },
    afterTarget,
  };
}

/** A borrow where the component model allows none (in a result): the generators never ask for it. */
function unreachableBorrow(type: HandleType): never {
  throw new Error(`a borrowed handle of ${type.resource.name.name} cannot be returned`);
}

function indexOf(plan: HandlesPlan, type: HandleType): number {
  return plan.lookup(type).index;
}

function sideOf(plan: HandlesPlan, type: HandleType): 'import' | 'export' {
  return plan.lookup(type).side;
}

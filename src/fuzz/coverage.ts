/**
 * Type coverage: which cases, flags combinations and edge values a fuzz run
 * actually produced, for the summary ("variant status: 3/3 cases; enum color:
 * 2/3 (missing: blue)"). Only values the fuzzer made count: export arguments
 * and import answers. The report is plain data, so it crosses worker threads.
 */
import { typeText } from '../wave/type-text.js';
import type { PrimitiveKind, WitType } from '../wit/types.js';
import { isPrimitiveKind } from '../wit/types.js';
import type { CaseValue, Value } from '../values/value.js';
import { primitiveEdgeLabels, primitiveEdgeNames } from './edges.js';
import { forEachPart } from '../values/walk.js';

export interface CoverageLine {
  /** What is counted: `variant status`, `option<u32>`, `u32`, `list<u8>`. */
  readonly label: string;
  /** What the items are: `cases`, `combinations`, `flags`, `edges`, `lengths`. */
  readonly unit: string;
  /** Every item, in a stable order. */
  readonly all: readonly string[];
  /** The items produced, in the same order. */
  readonly seen: readonly string[];
}

export interface CoverageReport {
  readonly lines: readonly CoverageLine[];
}

/** Flags with at most this many flags are counted by combination, larger ones flag by flag. */
const MAX_COMBINATION_FLAGS = 5;

interface Tracker {
  readonly label: string;
  readonly unit: string;
  readonly all: readonly string[];
  readonly seen: Set<string>;
  /** The items a value of the type hits. */
  readonly items: (value: Value) => readonly string[];
}

export class TypeCoverage {
  private readonly byType = new Map<WitType, Tracker | null>();
  private readonly byLabel = new Map<string, Tracker>();

  constructor(
    types: readonly WitType[],
    /** The longest generated string, which counts as the `long` edge. */
    private readonly maxStringLength = 32,
    private readonly maxListLength = 16,
  ) {
    for (const type of types) this.register(type);
  }

  /** Counts a value the fuzzer produced, and every part of it. */
  add(value: Value, type: WitType): void {
    forEachPart(value, type, (part, partType) => {
      const tracker = this.trackerOf(partType);
      if (tracker === undefined) return;
      for (const item of tracker.items(part)) tracker.seen.add(item);
    });
  }

  report(): CoverageReport {
    return {
      lines: [...this.byLabel.values()].map((t) => ({ label: t.label, unit: t.unit, all: t.all, seen: t.all.filter((item) => t.seen.has(item)) })),
    };
  }

  private trackerOf(type: WitType): Tracker | undefined {
    if (!this.byType.has(type)) this.register(type);
    return this.byType.get(type) ?? undefined;
  }

  private register(type: WitType): void {
    if (this.byType.has(type)) return;
    const made = this.makeTracker(type);
    let tracker: Tracker | null = null;
    if (made !== undefined) {
      // Two occurrences of one type (same label) share a line.
      tracker = this.byLabel.get(made.label) ?? made;
      this.byLabel.set(made.label, tracker);
    }
    this.byType.set(type, tracker);
    for (const child of children(type)) this.register(child);
  }

  private makeTracker(type: WitType): Tracker | undefined {
    const label = typeText(type);
    const tag = (value: Value) => [(value as CaseValue).tag];
    switch (type.kind) {
      case 'variant':
        return tracker(label, 'cases', type.cases.map((c) => c.name), tag);
      case 'enum':
        return tracker(label, 'cases', type.cases, (value) => [value as string]);
      case 'option':
        return tracker(label, 'cases', ['none', 'some'], tag);
      case 'result':
        return tracker(label, 'cases', ['ok', 'err'], tag);
      case 'flags':
        return flagsTracker(label, type.flags);
      case 'list': {
        if (type.length !== undefined) return undefined;
        const max = this.maxListLength;
        return tracker(label, 'lengths', ['empty', 'max'], (value) => {
          const length = (value as readonly Value[]).length;
          return length === 0 ? ['empty'] : length >= max ? ['max'] : [];
        });
      }
      default: {
        if (!isPrimitiveKind(type.kind)) return undefined;
        const kind: PrimitiveKind = type.kind;
        const maxString = this.maxStringLength;
        // Primitives count by kind: every u32 shares one line of edges.
        return tracker(kind, 'edges', primitiveEdgeNames(kind, maxString), (value) => primitiveEdgeLabels(kind, value, maxString));
      }
    }
  }
}

function tracker(label: string, unit: string, all: readonly string[], items: Tracker['items']): Tracker {
  return { label, unit, all, seen: new Set(), items };
}

function flagsTracker(label: string, flags: readonly string[]): Tracker {
  if (flags.length <= MAX_COMBINATION_FLAGS) {
    const all: string[] = [];
    for (let mask = 0; mask < 2 ** flags.length; mask++) all.push(combination(flags.filter((_, i) => (mask & (1 << i)) !== 0)));
    return tracker(label, 'combinations', all, (value) => [combination(flags.filter((flag) => (value as readonly string[]).includes(flag)))]);
  }
  return tracker(label, 'flags', ['none', ...flags, 'all'], (value) => {
    const set = value as readonly string[];
    if (set.length === 0) return ['none'];
    const items = [...set];
    if (flags.every((flag) => set.includes(flag))) items.push('all');
    return items;
  });
}

function combination(flags: readonly string[]): string {
  return `{${flags.join(', ')}}`;
}

function children(type: WitType): WitType[] {
  switch (type.kind) {
    case 'list':
      return [type.element];
    case 'tuple':
      return [...type.elements];
    case 'record':
      return type.fields.map((field) => field.type);
    case 'variant':
      return type.cases.flatMap((c) => (c.type === undefined ? [] : [c.type]));
    case 'option':
      return [type.some];
    case 'result':
      return [type.ok, type.err].filter((t): t is WitType => t !== undefined);
    default:
      return [];
  }
}

/** One line per counted type: `enum color: 2/3 cases (missing: blue)`. Missing items are listed up to `maxMissing`. */
export function formatCoverage(report: CoverageReport, maxMissing = 4): string[] {
  return report.lines.map((line) => {
    const head = `${line.label}: ${line.seen.length}/${line.all.length} ${line.unit}`;
    if (line.seen.length === line.all.length) return head;
    const missing = line.all.filter((item) => !line.seen.includes(item));
    const shown = missing.slice(0, maxMissing).join(', ');
    return `${head} (missing: ${shown}${missing.length > maxMissing ? `, … ${missing.length - maxMissing} more` : ''})`;
  });
}

/** The union of two reports of the same world (e.g. of fuzz workers that were restarted). */
export function mergeCoverage(a: CoverageReport, b: CoverageReport): CoverageReport {
  const lines = new Map(a.lines.map((line) => [line.label, line]));
  for (const line of b.lines) {
    const known = lines.get(line.label);
    if (known === undefined) lines.set(line.label, line);
    else lines.set(line.label, { ...known, seen: known.all.filter((item) => known.seen.includes(item) || line.seen.includes(item)) });
  }
  return { lines: [...lines.values()] };
}

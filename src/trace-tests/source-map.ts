/**
 * A line-level source map (version 3) from generated code back to a trace:
 * each generated line maps, at its first column, to one position in the trace.
 * Vitest uses it to place stack frames, test locations and code frames on the
 * trace lines; an empty `mappings` breaks Vitest 5's `list`, so every line maps.
 */

export interface SourcePosition {
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
}

export interface SourceMapV3 {
  readonly version: 3;
  readonly file: string;
  readonly sources: readonly string[];
  readonly sourcesContent: readonly string[];
  readonly names: readonly string[];
  readonly mappings: string;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** One Base64 VLQ number. */
export function vlq(value: number): string {
  let rest = value < 0 ? (-value << 1) | 1 : value << 1;
  let out = '';
  do {
    let digit = rest & 31;
    rest >>>= 5;
    if (rest !== 0) digit |= 32;
    out += BASE64[digit];
  } while (rest !== 0);
  return out;
}

/** The map for generated code whose line i (0-based) comes from `positions[i]`. */
export function lineSourceMap(file: string, sourceText: string, positions: readonly SourcePosition[]): SourceMapV3 {
  let previousLine = 0;
  let previousColumn = 0;
  const segments = positions.map(({ line, column }) => {
    // Fields: generated column 0, source 0 (both as deltas: 0), source line (delta), source column (delta).
    const segment = `AA${vlq(line - 1 - previousLine)}${vlq(column - 1 - previousColumn)}`;
    previousLine = line - 1;
    previousColumn = column - 1;
    return segment;
  });
  return { version: 3, file, sources: [file], sourcesContent: [sourceText], names: [], mappings: segments.join(';') };
}

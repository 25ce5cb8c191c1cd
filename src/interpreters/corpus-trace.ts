/**
 * A divergence saved to the corpus as a replayable trace: one `run(program)`
 * export call (the shrunk program) closed by what the component returned on
 * jco (so `proxy-component replay` of the trace pins the component's
 * behaviour), with comment lines giving each side of the divergence, the
 * explanation if one is known, and, in the header, the seed and fast-check
 * path that found it.
 *
 * ```text
 * # proxy-component trace v1 {"world":"root:component/root",...,"fuzz":{"seed":1,"path":"42:3","property":"interpreters-agree"}}
 * # interpreters-agree: native differs from the majority (jco, node, bun, wasmtime)
 * # explained: libm-rounding
 * # jco, node, bun, wasmtime: return ok("0.5984721441039564\n")
 * # native: return ok("0.5984721441039565\n")
 * export run("import math\nprint(math.sin(2.5))\n")
 * return ok("0.5984721441039564\n")
 * ```
 */
import { relative } from 'node:path';
import type { EngineOutcome } from '../engines/engine.js';
import { saveFailure, type SavedFailure } from '../fuzz/corpus.js';
import { TRACE_FORMAT_VERSION, type CallOutcome } from '../trace/model.js';
import { formatTrace } from '../trace/write.js';
import { TOOL_VERSION } from '../version.js';
import type { WorldFunction } from '../wit/world.js';

export const AGREEMENT_PROPERTY = 'interpreters-agree';

export interface DivergenceTrace {
  readonly run: WorldFunction;
  readonly program: string;
  /** What the component returned (or how it trapped) on the reference engine. */
  readonly component: CallOutcome;
  /** sha256 of the component, hex. */
  readonly componentHash: string;
  readonly componentPath: string;
  readonly seed: number;
  readonly path: string;
  readonly verdict: string;
  readonly explanation?: string;
  /** Each side: its engines and their (normalised) outcome text. */
  readonly sides: readonly { readonly engines: readonly string[]; readonly outcome: string }[];
}

/** A trace outcome from an engine outcome: returns and traps are kept, the rest cannot be replayed. */
export function traceOutcome(outcome: EngineOutcome): CallOutcome | undefined {
  if (outcome.kind === 'return') return outcome.value === undefined ? { kind: 'return' } : { kind: 'return', value: outcome.value };
  if (outcome.kind === 'trap') return { kind: 'trap', message: outcome.message };
  return undefined;
}

/** One line per comment, so that a multi-line outcome cannot end the comment. */
function comment(text: string): string {
  return `# ${text.replace(/\n/g, '\\n')}`;
}

export function divergenceTraceText(trace: DivergenceTrace, corpusDir: string): string {
  const text = formatTrace({
    header: {
      version: TRACE_FORMAT_VERSION,
      world: 'root:component/root',
      component: `sha256:${trace.componentHash}`,
      componentPath: relative(corpusDir, trace.componentPath),
      tool: TOOL_VERSION,
      fuzz: { seed: trace.seed, path: trace.path, property: AGREEMENT_PROPERTY },
    },
    calls: [{ name: 'run', function: trace.run, args: [trace.program], imports: [], outcome: trace.component }],
  });
  const newline = text.indexOf('\n');
  const comments = [
    comment(`${AGREEMENT_PROPERTY}: ${trace.verdict}`),
    comment(trace.explanation === undefined ? 'unexplained' : `explained: ${trace.explanation}`),
    ...trace.sides.map((side) => comment(`${side.engines.join(', ')}: ${side.outcome}`)),
  ];
  return `${text.slice(0, newline + 1)}${comments.join('\n')}\n${text.slice(newline + 1)}`;
}

export function saveDivergence(corpusDir: string, trace: DivergenceTrace): Promise<SavedFailure> {
  return saveFailure(corpusDir, divergenceTraceText(trace, corpusDir), 'run', AGREEMENT_PROPERTY);
}

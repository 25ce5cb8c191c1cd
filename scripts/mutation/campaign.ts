/**
 * The mutation campaign: mutants of real traces replayed (and diffed, one in
 * eight), and mutants of
 * components given to replay, fuzz and wit, each command run as a user runs
 * it (judge.ts) and judged: exit 0, 1 or 2 only; never a stack trace or an
 * internal error; no hang; an exit 2 for a trace names its line and column;
 * no line too long to read; a trace that does not read is refused (exit 2);
 * and a mutant that changes a value the component depends on does not pass
 * (oracle.ts). The test suite runs a small campaign (test/hostile/
 * mutation-campaign.test.ts); `npm run mutate -- --count 10000` a long one
 * (scripts/mutate.ts), which prints the counts.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { componentMutantBytes, describeComponentMutant, type ComponentMutant } from './component-mutants.js';
import { loadCorpus, type Corpus, type CorpusTrace } from './corpus.js';
import { Judge, problemsOf, type CommandRun } from './judge.js';
import { expectation } from './oracle.js';
import { describeTraceMutant, traceMutantBytes, type TraceMutant } from './trace-mutants.js';

export type FindingKind =
  /** An exit code other than 0, 1, 2, or a stack trace or internal error in the output. */
  | 'crash'
  /** No end within the budget. */
  | 'hang'
  /** Exit 0 for a mutant that changes a value the component depends on, or that does not read. */
  | 'silent-pass'
  /** A trace refused (exit 2) without its line and column. */
  | 'unlocated'
  /** A line longer than judge.ts's LONGEST_LINE. */
  | 'overlong'
  /** A trace that does not read, not refused as bad input (exit 1), or one that reads, refused. */
  | 'misread';

export interface Finding {
  readonly kind: FindingKind;
  readonly mutant: string;
  readonly command: string;
  readonly detail: string;
}

export interface Tally {
  traceMutants: number;
  componentMutants: number;
  commands: number;
  readonly exitCodes: Record<string, number>;
  readonly findings: Finding[];
}

/** Budgets: far above what any command needs, so that only a real hang exceeds them. */
const TRACE_BUDGET_MS = 60_000;
const COMPONENT_BUDGET_MS = 120_000;
/** The per-call limit the commands get: a component that loops is stopped well within the budget. */
const CALL_TIMEOUT = '2000';

export class Campaign {
  readonly tally: Tally = { traceMutants: 0, componentMutants: 0, commands: 0, exitCodes: {}, findings: [] };
  private serial = 0;

  private constructor(
    readonly corpus: Corpus,
    private readonly folder: string,
    private readonly judge: Judge,
    private readonly calculatorTrace: string,
  ) {}

  static async open(): Promise<Campaign> {
    const corpus = await loadCorpus();
    const folder = await mkdtemp(join(tmpdir(), 'pc-mutation-'));
    const calculator = corpus.traces.find((trace) => trace.file === corpus.smallComponent.trace) as CorpusTrace;
    return new Campaign(corpus, folder, new Judge(), calculator.text);
  }

  /** Replays a trace mutant; what is wrong with how it went. */
  async traceMutant(mutant: TraceMutant): Promise<Finding[]> {
    this.tally.traceMutants++;
    const source = this.corpus.traces[mutant.source] as CorpusTrace;
    const file = join(this.folder, `mutant-${++this.serial}.${mutant.format === 'seed' ? 'jsonl' : 'trace'}`);
    const bytes = traceMutantBytes(this.corpus, mutant);
    await writeFile(file, bytes);
    try {
      const described = describeTraceMutant(this.corpus, mutant);
      const argv = ['replay', source.component, file, '--timeout', CALL_TIMEOUT];
      const run = await this.run(argv, TRACE_BUDGET_MS);
      const findings = this.judged(run, described, argv, file);
      if (run.kind === 'ended') {
        const expected = expectation(source.trace, bytes, source.world, file);
        const finding = (kind: FindingKind, detail: string) => findings.push({ kind, mutant: described, command: argv.join(' '), detail });
        if (expected.kind === 'unreadable' && run.exitCode === 0) finding('silent-pass', `passed a trace that does not read: ${expected.why}`);
        else if (expected.kind === 'unreadable' && run.exitCode === 1) finding('misread', `found a divergence in a trace that does not read: ${expected.why}`);
        else if (expected.kind === 'must-not-pass' && run.exitCode === 0) finding('silent-pass', `passed: ${expected.why}`);
        else if (expected.kind !== 'unreadable' && run.exitCode === 2) finding('misread', `refused a trace that reads: ${firstLine(run.err)}`);
      }
      // Every eighth mutant goes to diff too (two builds, one engine): it reads traces its own way, whole.
      if (this.serial % 8 === 0) {
        const diff = ['diff', source.component, source.component, '--engines', 'jco', '--trace', file, '--timeout', CALL_TIMEOUT];
        findings.push(...this.judged(await this.run(diff, TRACE_BUDGET_MS), described, diff, file));
      }
      this.tally.findings.push(...findings);
      return findings;
    } finally {
      await rm(file, { force: true });
    }
  }

  /** Gives a component mutant to replay, fuzz and wit; what is wrong with how they went. */
  async componentMutant(mutant: ComponentMutant): Promise<Finding[]> {
    this.tally.componentMutants++;
    const { bytes, trace } = await componentMutantBytes(this.corpus, mutant, { calculator: this.calculatorTrace });
    const serial = ++this.serial;
    const component = join(this.folder, `component-${serial}.wasm`);
    const traceFile = join(this.folder, `component-${serial}.trace`);
    await writeFile(component, bytes);
    await writeFile(traceFile, trace);
    const described = describeComponentMutant(mutant);
    const findings: Finding[] = [];
    try {
      for (const argv of [
        ['wit', component],
        ['replay', component, traceFile, '--timeout', CALL_TIMEOUT],
        ['fuzz', component, '--runs', '3', '--seed', '1', '--timeout', CALL_TIMEOUT],
      ]) {
        findings.push(...this.judged(await this.run(argv, COMPONENT_BUDGET_MS), described, argv));
      }
      this.tally.findings.push(...findings);
      return findings;
    } finally {
      await rm(component, { force: true });
      await rm(traceFile, { force: true });
    }
  }

  async close(): Promise<void> {
    await this.judge.stop();
    await rm(this.folder, { recursive: true, force: true });
  }

  private async run(argv: readonly string[], budgetMs: number): Promise<CommandRun> {
    const run = await this.judge.run(argv, budgetMs);
    this.tally.commands++;
    const key = run.kind === 'hung' ? 'hung' : String(run.exitCode);
    this.tally.exitCodes[key] = (this.tally.exitCodes[key] ?? 0) + 1;
    return run;
  }

  private judged(run: CommandRun, mutant: string, argv: readonly string[], traceFile?: string): Finding[] {
    const command = argv.join(' ');
    if (run.kind === 'hung') return [{ kind: 'hang', mutant, command, detail: `no end after ${Math.round(run.ms)} ms` }];
    const problems = problemsOf(run, traceFile === undefined ? undefined : { file: traceFile });
    const findings: Finding[] = [];
    if (problems.crash !== undefined) findings.push({ kind: 'crash', mutant, command, detail: problems.crash });
    if (problems.overlong !== undefined) findings.push({ kind: 'overlong', mutant, command, detail: problems.overlong });
    if (problems.unlocated !== undefined) findings.push({ kind: 'unlocated', mutant, command, detail: problems.unlocated });
    return findings;
  }
}

function firstLine(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

/** The counts, as `npm run mutate` prints them. */
export function formatTally(tally: Tally): string {
  const count = (kind: FindingKind) => tally.findings.filter((finding) => finding.kind === kind).length;
  const exits = Object.entries(tally.exitCodes)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, n]) => `${code === 'hung' ? 'hung' : `exit ${code}`}: ${n}`)
    .join(', ');
  const lines = [
    `mutants: ${tally.traceMutants + tally.componentMutants} (${tally.traceMutants} traces, ${tally.componentMutants} components), commands: ${tally.commands}`,
    `by exit code: ${exits}`,
    `crashes: ${count('crash')}`,
    `hangs: ${count('hang')}`,
    `silent passes: ${count('silent-pass')}`,
    `exit 2 without a line: ${count('unlocated')}`,
    `overlong lines: ${count('overlong')}`,
    `misread (a trace that does not read not refused, or one that reads refused): ${count('misread')}`,
  ];
  return `${lines.join('\n')}\n`;
}

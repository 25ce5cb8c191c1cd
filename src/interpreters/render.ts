/** A campaign report (report.ts) as a person reads it: plain text, no colour, so it can go into a file or a CI log. */
import type { CampaignDivergence, CampaignEngine, CampaignReport, CampaignSide } from './report.js';
import type { CorpusReplay } from './replay.js';

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function indent(text: string, prefix: string): string[] {
  return text.replace(/\n$/, '').split('\n').map((line) => `${prefix}${line}`);
}

/** Each side of a divergence: its engines, then their outcome on one line. */
function sideLines(sides: readonly CampaignSide[]): string[] {
  const width = Math.max(...sides.map((side) => side.engines.join(', ').length));
  return sides.map((side) => `     ${side.engines.join(', ').padEnd(width)}  ${side.outcome.replace(/\n/g, '\\n')}`);
}

function engineLines(engines: readonly CampaignEngine[]): string[] {
  const width = Math.max(...engines.map((engine) => engine.name.length));
  return engines.map((engine) =>
    engine.unavailable !== undefined
      ? `  ${engine.name.padEnd(width)}  ${engine.version}: UNAVAILABLE, cannot run the component: ${engine.unavailable}`
      : `  ${engine.name.padEnd(width)}  ${engine.version}${engine.programsPerSecond === undefined ? '' : `: ${engine.programsPerSecond} programs/s (${seconds(engine.elapsedMs ?? 0)})`}`,
  );
}

function divergenceLines(divergence: CampaignDivergence, number: number): string[] {
  const status = divergence.explanation === undefined ? 'UNEXPLAINED' : `explained: ${divergence.explanation.name}`;
  const lines = [
    `  ${number}. ${divergence.verdict} (${status})`,
    `     found in program${divergence.found.length === 1 ? '' : 's'} ${divergence.found.map((i) => `#${i}`).join(', ')}; ${divergence.program === divergence.original ? 'the program as generated (not shrunk)' : `shrunk program (fast-check path ${divergence.path})`}:`,
    ...indent(divergence.program, '     | '),
  ];
  lines.push(...sideLines(divergence.sides));
  const normalised = Object.entries(divergence.normalised);
  if (normalised.length > 0) lines.push(`     normalised: ${normalised.map(([engine, rules]) => `${engine} (${rules.join(', ')})`).join('; ')}`);
  if (divergence.explanation !== undefined) lines.push(`     why: ${divergence.explanation.text}`);
  if (divergence.trace !== undefined) lines.push(`     saved: ${divergence.trace}`);
  return lines;
}

export function renderCampaign(report: CampaignReport): string {
  const version = report.interpreterVersion === undefined ? '' : `${report.interpreterVersion}, `;
  const lines = [
    `interpreters campaign: ${report.language}, ${report.programs} programs, seed ${report.seed}`,
    `component: ${report.interpreter}: ${version}${report.component.tool}, ${(report.component.bytes / 1e6).toFixed(1)} MB`,
    'engines:',
  ];
  lines.push(...engineLines(report.engines));
  lines.push(`result: ${report.agreed} agree, ${report.divergent} diverge, ${report.timeouts.length} timeout${report.timeouts.length === 1 ? '' : 's'} (not compared), ${report.notRun.length} not run`);
  for (const timeout of report.timeouts) lines.push(`  timeout: program #${timeout.program} on ${timeout.engine}`);
  for (const skipped of report.notRun) lines.push(`  not run: program #${skipped.program} on ${skipped.engine}: ${skipped.reason}`);
  lines.push('normalisations (declared rules; programs whose result each changed, by engine):');
  for (const rule of report.rules) {
    const applied = Object.entries(rule.applied);
    lines.push(`  ${rule.name}: ${applied.length === 0 ? 'never applied' : applied.map(([engine, count]) => `${engine} ×${count}`).join(', ')}`);
    lines.push(`    ${rule.description}; why: ${rule.why}`);
  }
  if (report.divergences.length === 0) lines.push('divergences: none');
  else {
    const unexplained = report.divergences.filter((divergence) => divergence.explanation === undefined).length;
    lines.push(`divergences: ${report.divergences.length} after shrinking, ${unexplained} unexplained`);
    report.divergences.forEach((divergence, i) => lines.push(...divergenceLines(divergence, i + 1)));
  }
  lines.push(`time: ${seconds(report.timing.totalMs)} (runs ${seconds(report.timing.runMs)}, shrinking ${seconds(report.timing.shrinkMs)})`);
  return lines.join('\n');
}

/** A corpus replay (replay.ts): each saved program, and whether the engines still differ on it. */
export function renderReplay(replay: CorpusReplay): string {
  const lines = [`interpreters replay: ${replay.language}, ${replay.programs.length} saved program${replay.programs.length === 1 ? '' : 's'}`, 'engines:', ...engineLines(replay.engines)];
  replay.programs.forEach((program, i) => {
    const status = program.verdict === undefined ? 'the engines now agree' : program.explanation === undefined ? `${program.verdict} (UNEXPLAINED)` : `${program.verdict} (explained: ${program.explanation.name})`;
    lines.push(`  ${i + 1}. ${program.file}: ${status}`, ...indent(program.program, '     | '), ...sideLines(program.sides));
    const normalised = Object.entries(program.normalised);
    if (normalised.length > 0) lines.push(`     normalised: ${normalised.map(([engine, rules]) => `${engine} (${rules.join(', ')})`).join('; ')}`);
    if (program.explanation !== undefined) lines.push(`     why: ${program.explanation.text}`);
  });
  const still = replay.programs.filter((program) => program.verdict !== undefined);
  lines.push(`result: ${still.length} of ${replay.programs.length} still diverge, ${still.filter((program) => program.explanation === undefined).length} unexplained`);
  return lines.join('\n');
}

/** A bindings campaign's report for people: the figures, then each finding ready to file. */
import type { BindingsCampaignReport, Finding } from './report.js';

function perSecond(calls: number, ms: number): string {
  return ms > 0 ? `${Math.round((calls / ms) * 1000)} calls/s` : '-';
}

function indent(text: string): string {
  return text.trimEnd().split('\n').map((line) => `    ${line}`).join('\n');
}

export function renderFinding(finding: Finding, number: number): string {
  return [
    `finding ${number}: ${finding.failure} on ${finding.engines.join(', ')}${finding.confirmed ? ' (confirmed on a fresh run)' : ' (NOT confirmed on a fresh run)'}`,
    `  case ${finding.caseIndex} (fast-check path ${finding.path}), ${finding.occurrences} failing case(s) of this kind`,
    `  string encoding: ${finding.stringEncoding}`,
    ...(finding.calls.length > 1 ? [`  calls:    ${finding.calls.join('; ')}`] : []),
    `  call:     ${finding.call}`,
    `  expected: ${finding.expected}`,
    ...finding.outcomes.map((o) => `  ${o.correct ? 'right' : 'WRONG'} ${o.engine}: ${o.outcome}`),
    '  WIT:',
    indent(finding.wit),
    '  core module (WAT):',
    indent(finding.wat),
  ].join('\n');
}

export function renderCampaign(report: BindingsCampaignReport): string {
  const lines = [
    `bindings campaign, seed ${report.seed}: ${report.cases} cases, ${report.components} components, ${report.calls} calls per engine, ${Math.round(report.elapsedMs / 1000)} s`,
    `  ${Object.entries(report.versions).filter(([name]) => !report.engines.some((e) => e.name === name)).map(([name, version]) => `${name} ${version}`).join(', ')}`,
    ...report.engines.map((e) => `  ${e.name} ${e.version}: ${e.calls} calls checked in ${Math.round(e.elapsedMs / 1000)} s (${perSecond(e.calls, e.elapsedMs)})${e.casesNotRun > 0 ? `, ${e.casesNotRun} cases not run` : ''}`),
  ];
  // The same reason on several engines (jco's transpile, for every JS engine) is said once.
  const reasons = new Map<string, { engines: string[]; cases: number; reason: string }>();
  for (const reason of report.notRun) {
    const key = `${reason.cases}\n${reason.reason}`;
    const seen = reasons.get(key);
    if (seen === undefined) reasons.set(key, { engines: [reason.engine], cases: reason.cases, reason: reason.reason });
    else seen.engines.push(reason.engine);
  }
  for (const reason of reasons.values()) lines.push(`  ${reason.engines.join(', ')} could not run ${reason.cases} case(s): ${reason.reason}`);
  if (report.batchOnly > 0) lines.push(`  ${report.batchOnly} case(s) failed in their batch but not alone (not reported as findings)`);
  if (report.findings.length === 0 && report.unshrunk === 0) {
    lines.push('every call on every engine that ran it gave what the generator says it must (NaNs compared as equal, whatever their payload)');
  } else {
    lines.push(`${report.findings.length} distinct finding(s)${report.unshrunk > 0 ? `, ${report.unshrunk} more failing case(s) not shrunk` : ''}`);
    report.findings.forEach((finding, i) => lines.push('', renderFinding(finding, i + 1)));
  }
  return lines.join('\n');
}

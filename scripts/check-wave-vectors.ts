/**
 * Runs the WAVE reference's conformance vectors through exactly what
 * `proxy-component wave --wit <folder>/ui.wit --interface ui <call>` does.
 *
 *   node dist/scripts/check-wave-vectors.js <folder with ui.wit, accept-*.waves/.out, reject-*.waves>
 *
 * Each .waves file is split into statements at `;` followed by a line break
 * or the end of the file; leading `//` comment lines of a statement are
 * dropped (the .out files carry the same comment lines, which are not
 * compared). Accept statements must parse and print exactly as the matching
 * .out line; reject statements must fail with an error line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkWaveCall, scopeOf } from '../src/cli/commands/wave.js';
import { readWitSource } from '../src/wit/source.js';
import type { FunctionScope } from '../src/wit/lookup.js';

function statements(text: string): string[] {
  return text
    .split(/;(?:\r?\n|$)/)
    .map((statement) => {
      let rest = statement.replace(/^\s+/, '');
      while (rest.startsWith('//')) {
        const newline = rest.indexOf('\n');
        rest = newline < 0 ? '' : rest.slice(newline + 1).replace(/^\s+/, '');
      }
      return rest;
    })
    .filter((statement) => statement.trim() !== '');
}

function expectedLines(text: string): string[] {
  return text.split(/\r?\n/).filter((line) => line.trim() !== '' && !line.startsWith('//'));
}

function check(folder: string, scope: FunctionScope): number {
  let accepted = 0;
  let acceptTotal = 0;
  let rejected = 0;
  let rejectTotal = 0;
  const mismatches: string[] = [];
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.waves')).sort()) {
    const accept = file.startsWith('accept-');
    const calls = statements(readFileSync(join(folder, file), 'utf8'));
    const expected = accept ? expectedLines(readFileSync(join(folder, file.replace(/\.waves$/, '.out')), 'utf8')) : [];
    calls.forEach((call, i) => {
      const checked = checkWaveCall(scope, call);
      const outcome = checked.ok ? checked : { ok: false as const, message: `error: ${checked.error.message}` };
      const shown = JSON.stringify(call);
      if (accept) {
        acceptTotal++;
        if (outcome.ok && outcome.text === expected[i]) accepted++;
        else mismatches.push(`${file} #${i + 1} ${shown}\n    expected ${expected[i]}\n    got      ${outcome.ok ? outcome.text : outcome.message}`);
      } else {
        rejectTotal++;
        if (!outcome.ok) rejected++;
        else mismatches.push(`${file} #${i + 1} ${shown}\n    expected a rejection\n    got      ${outcome.text}`);
      }
    });
  }
  for (const mismatch of mismatches) console.log(mismatch);
  console.log(`accepted ${accepted}/${acceptTotal}, rejected ${rejected}/${rejectTotal}`);
  return mismatches.length === 0 ? 0 : 1;
}

const folder = process.argv[2];
if (folder === undefined) {
  console.error('usage: node dist/scripts/check-wave-vectors.js <conformance folder>');
  process.exit(2);
}
const scope = scopeOf(await readWitSource(join(folder, 'ui.wit')), { interface: 'ui' });
process.exit(check(folder, scope));

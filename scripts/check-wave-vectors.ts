/**
 * Runs the WAVE reference's conformance vectors against our codec.
 *
 *   node dist/scripts/check-wave-vectors.js <folder with ui.wit, accept-*.waves/.out, reject-*.waves>
 *
 * Each .waves file is split into statements at `;` followed by a line break
 * or the end of the file; leading `//` comment lines of a statement are
 * dropped (the .out files carry the same comment lines, which are not
 * compared). Accept statements must parse and print exactly as the matching
 * .out line; reject statements must fail with a WAVE error.
 *
 * The `ui` interface's functions are built here by hand from ui.wit; the
 * lead will switch this to the WIT text reader once it exists.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isProxyComponentError } from '../src/errors.js';
import { parseCall, printCall, type CallParam, type CallSignature } from '../src/wave/index.js';
import { primitive, type WitType } from '../src/wit/types.js';

const owner = 'ui:tests/ui@0.1.0';
const u8 = primitive.u8;
const optionU8: WitType = { kind: 'option', some: u8 };
const f32 = primitive.f32;
const emptyResult: WitType = { kind: 'result' };

const basic: WitType = {
  kind: 'record',
  name: { name: 'basic', owner },
  fields: [
    { name: 'required', type: u8 },
    { name: 'optional', type: optionU8 },
  ],
};
const optionalFields: WitType = {
  kind: 'record',
  name: { name: 'optional-fields', owner },
  fields: [
    { name: 'a', type: optionU8 },
    { name: 'b', type: optionU8 },
  ],
};
const keywordFields: WitType = {
  kind: 'record',
  name: { name: 'keyword-fields', owner },
  fields: [
    { name: 'true', type: primitive.bool },
    { name: 'false', type: primitive.bool },
    { name: 'some', type: optionU8 },
    { name: 'none', type: optionU8 },
    { name: 'ok', type: emptyResult },
    { name: 'err', type: emptyResult },
    { name: 'inf', type: f32 },
    { name: 'nan', type: f32 },
  ],
};
const hand: WitType = { kind: 'enum', name: { name: 'hand', owner }, cases: ['left', 'right'] };
const keywordCases: WitType = {
  kind: 'enum',
  name: { name: 'keyword-cases', owner },
  cases: ['true', 'false', 'some', 'none', 'ok', 'err', 'inf', 'nan'],
};
const permissions: WitType = { kind: 'flags', name: { name: 'permissions', owner }, flags: ['read', 'write'] };

const one = (name: string, type: WitType): CallParam[] => [{ name, type }];
const FUNCTIONS = new Map<string, CallSignature>([
  ['nullary', { params: [] }],
  ['f32', { params: one('val', f32) }],
  ['list-f32', { params: one('vals', { kind: 'list', element: f32 }) }],
  ['f64', { params: one('val', primitive.f64) }],
  ['list-f64', { params: one('vals', { kind: 'list', element: primitive.f64 }) }],
  ['char', { params: one('val', primitive.char) }],
  ['list-chars', { params: one('vals', { kind: 'list', element: primitive.char }) }],
  ['string', { params: one('val', primitive.string) }],
  ['list-strings', { params: one('vals', { kind: 'list', element: primitive.string }) }],
  ['option-u8', { params: one('opt', optionU8) }],
  ['result-ok-u8', { params: one('res', { kind: 'result', ok: u8 }) }],
  ['result-err-u8', { params: one('res', { kind: 'result', err: u8 }) }],
  ['result-both-u8', { params: one('res', { kind: 'result', ok: u8, err: u8 }) }],
  ['result-no-payloads', { params: one('res', emptyResult) }],
  ['basic-record', { params: one('rec', basic) }],
  ['optional-fields-record', { params: one('rec', optionalFields) }],
  ['keyword-fields-record', { params: one('rec', keywordFields) }],
  ['hand-enum', { params: one('enm', hand) }],
  ['keyword-cases-enum', { params: one('enm', keywordCases) }],
  ['permission-flags', { params: one('flgs', permissions) }],
]);

/** `f`, `ui.f`, `ui:tests/ui.f` and `ui:tests/ui.f@0.1.0`. */
function resolve(name: string): CallSignature | undefined {
  const match = /^(?:(?:ui:tests\/)?ui\.)?([^.@]+)(?:@(.+))?$/.exec(name);
  if (match === null) return undefined;
  const [, fn, version] = match;
  if (version !== undefined && (version !== '0.1.0' || !name.startsWith('ui:tests/'))) return undefined;
  return FUNCTIONS.get(fn as string);
}

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

function check(folder: string): number {
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
      let outcome: { ok: true; text: string } | { ok: false; message: string };
      try {
        const parsed = parseCall(call, resolve);
        outcome = { ok: true, text: printCall(parsed.name, parsed.params, parsed.args) };
      } catch (error) {
        if (!isProxyComponentError(error)) throw error;
        outcome = { ok: false, message: `${error.code}: ${error.message}` };
      }
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
process.exit(check(folder));

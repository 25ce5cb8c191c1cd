/**
 * The matching a replay uses, from its settings: the matching rules (inline,
 * or the module that exports them as `default` or `match`), plus the places
 * redaction rules emptied, which compare as equal to anything; redacted
 * strings in the trace match anything wherever they are.
 */
import { ProxyComponentError } from '../errors.js';
import { importUserModule } from '../util/user-module.js';
import type { World } from '../wit/world.js';
import { ImportMatching, isRedacted, type MatchRule } from './match-rules.js';
import { redactionMatchRules, type RedactionRule } from './redact.js';

export interface MatchingSettings {
  /** Matching rules, or the module exporting them. */
  readonly match?: readonly MatchRule[] | string;
  readonly redact?: readonly RedactionRule[];
}

export async function replayMatching(world: World, settings: MatchingSettings, traceText: string | undefined): Promise<ImportMatching> {
  // A trace read as it streams (no text at hand) may hold placeholders anywhere: each string is checked as it is compared.
  const placeholders = traceText === undefined || isRedacted(traceText);
  const rules = [...(await matchRules(settings.match)), ...redactionMatchRules(settings.redact ?? [])];
  return rules.length === 0 ? ImportMatching.strict(placeholders) : ImportMatching.compile(world, rules, placeholders, typeof settings.match === 'string' ? `match rule of ${settings.match}` : 'match rule');
}

async function matchRules(match: MatchingSettings['match']): Promise<readonly MatchRule[]> {
  if (match === undefined) return [];
  if (typeof match !== 'string') return match;
  const module = await importUserModule(match, 'match rules module');
  const rules = module['default'] ?? module['match'];
  if (!Array.isArray(rules)) throw new ProxyComponentError('USAGE', `the match rules module ${match} must export its rules, a list, as \`default\` or \`match\``);
  return rules as MatchRule[];
}

/** Rules written inline in a configuration must be plain data: a function cannot reach the worker that replays. */
export function checkInlineMatchRules(match: unknown, where: string): readonly MatchRule[] | string {
  if (typeof match === 'string' && match !== '') return match;
  if (!Array.isArray(match)) throw new ProxyComponentError('USAGE', `${where} takes a list of rules, or the path of a module exporting them, got ${typeof match}`);
  for (const [index, rule] of match.entries()) {
    if (typeof rule === 'object' && rule !== null && typeof (rule as MatchRule).equal === 'function') {
      throw new ProxyComponentError('USAGE', `${where} #${index + 1}: a rule with an \`equal\` function goes in a module (\`match: './match-rules.mjs'\`, exporting the rules as default): functions cannot reach the thread that replays`);
    }
  }
  return match as readonly MatchRule[];
}

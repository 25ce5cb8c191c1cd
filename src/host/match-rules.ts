/**
 * Matching rules: how replay compares a component's import calls with the
 * trace's, where strict equality in order is too strict (Polly.js's
 * `matchRequestsBy`, VCR's `match_requests_on`). Per import function, and
 * per argument path:
 *
 * - `ignore`: any value matches there (a timestamp, a request id);
 * - `equal`: the values match when the function says so (rules in a module
 *   only: functions do not cross into worker threads);
 * - `anyOrder`: the function's calls may come in any order within an export
 *   call (each is matched with the first of its recorded calls whose
 *   arguments match).
 *
 * Redacted strings (`[REDACTED]`, `[REDACTED:name]`, see redact.ts) compare
 * equal to whatever stands where they are. Rules are checked against the
 * component's world: a rule naming no import, or a path its parameters do
 * not have, is an error. A divergence at a call with rules says which.
 */
import { ProxyComponentError } from '../errors.js';
import { valuesEqual } from '../values/equal.js';
import { STRICT_MATCHING } from '../trace/match.js';
import { caseType, formatValuePath, parseValuePath, typeAtPath, type PathSegment } from '../values/value-path.js';
import type { CaseValue, RecordValue, Value } from '../values/value.js';
import { callNameOf, callNames, didYouMean, unversionedCallName } from '../wit/lookup.js';
import type { WitType } from '../wit/types.js';
import { worldFunctions, type Param, type World, type WorldFunction } from '../wit/world.js';

export interface MatchRule {
  /**
   * The import function: its call name with or without version (`example:kv/store.get`), or
   * `iface.func`, or a world function's name; `*` stands for any run of characters (`wasi:clocks/*`).
   */
  readonly import: string;
  /** Where in its arguments: the parameter, then `.field`, `.0`, `[*]`, `[2]`, `.some`, `.ok`…; none: every argument. */
  readonly path?: string;
  readonly ignore?: boolean;
  /** Expected (the trace's) and actual values, as proxy-component/values represents them. */
  readonly equal?: (expected: Value, actual: Value) => boolean;
  readonly anyOrder?: boolean;
}

/** Rules as settings carry them (plain data): inline rules without functions, or the module that exports them. */
export type MatchRulesSource = { readonly rules: readonly MatchRule[] } | { readonly module: string };

interface CompiledRule {
  readonly kind: 'ignore' | 'equal' | 'anyOrder';
  /** How a report names it: `match rule #2: ignore example:kv/store.put value`. */
  readonly description: string;
  readonly segments: readonly PathSegment[];
  readonly equal?: (expected: Value, actual: Value) => boolean;
}

/** The rules of one import function. */
export interface FunctionRules {
  readonly anyOrder: boolean;
  readonly value: readonly CompiledRule[];
  /** Descriptions of every rule here, for reports. */
  readonly descriptions: readonly string[];
}

const NONE: FunctionRules = { anyOrder: false, value: [], descriptions: [] };

/** A rule that applies below a place in a value, with the rest of its path from there. */
interface RuleHere {
  readonly rule: CompiledRule;
  readonly rest: readonly PathSegment[];
}

const NO_RULES_HERE: readonly RuleHere[] = [];

/** The rules, checked against a world and ready for replay. */
export class ImportMatching {
  private readonly byFunction = new Map<WorldFunction['function'], FunctionRules>();

  private constructor(
    readonly placeholders: boolean,
    private readonly rules: readonly { readonly matches: (fn: WorldFunction) => boolean; readonly compiled: (fn: WorldFunction) => CompiledRule }[],
  ) {}

  /** `placeholders`: whether the trace holds redacted strings (a cheap check on its text spares the search). */
  static compile(world: World, rules: readonly MatchRule[], placeholders: boolean, where = 'match rules'): ImportMatching {
    const imports = worldFunctions(world, 'import');
    const compiled = rules.map((rule, index) => {
      const name = `${where} #${index + 1}`;
      checkRule(rule, name);
      const pattern = namePattern(rule.import);
      const matches = (fn: WorldFunction) => functionNames(fn).some((candidate) => pattern.test(candidate));
      const matched = imports.filter(matches);
      if (matched.length === 0) throw new ProxyComponentError('USAGE', `${name}: the component imports no function \`${rule.import}\`${didYouMean(rule.import, callNames(world, 'import'))}`);
      const segments = rule.path === undefined ? [] : parseValuePath(rule.path, `${name} (${rule.import})`);
      for (const fn of matched) pathType(fn, segments, `${name} (${callNameOf(fn)} ${rule.path ?? ''})`);
      const kind = rule.anyOrder === true ? 'anyOrder' : rule.equal !== undefined ? 'equal' : 'ignore';
      const what = kind === 'anyOrder' ? 'any order of' : kind;
      const make = (fn: WorldFunction): CompiledRule => ({
        kind,
        description: `${name}: ${what} ${unversionedCallName(callNameOf(fn))}${rule.path === undefined ? '' : ` ${formatValuePath(segments)}`}`,
        segments,
        ...(rule.equal === undefined ? {} : { equal: rule.equal }),
      });
      return { matches, compiled: make };
    });
    return new ImportMatching(placeholders, compiled);
  }

  /** No rules: strict equality in order (redacted strings still match anything). */
  static strict(placeholders: boolean): ImportMatching {
    return new ImportMatching(placeholders, []);
  }

  rulesFor(fn: WorldFunction): FunctionRules {
    if (this.rules.length === 0) return NONE;
    let found = this.byFunction.get(fn.function);
    if (found === undefined) {
      const applying = this.rules.filter((rule) => rule.matches(fn)).map((rule) => rule.compiled(fn));
      found = applying.length === 0 ? NONE : { anyOrder: applying.some((rule) => rule.kind === 'anyOrder'), value: applying.filter((rule) => rule.kind !== 'anyOrder'), descriptions: applying.map((rule) => rule.description) };
      this.byFunction.set(fn.function, found);
    }
    return found;
  }

  /** The first parameter whose values do not match under the rules, or undefined when all do. */
  mismatchedParameter(fn: WorldFunction, expected: readonly Value[], actual: readonly Value[]): string | undefined {
    const rules = this.rulesFor(fn).value;
    const params = fn.function.params;
    if (rules.length === 0 && !this.placeholders) return STRICT_MATCHING.mismatchedParameter(fn, expected, actual);
    for (let i = 0; i < params.length; i++) {
      const param = params[i] as Param;
      const here = rules.length === 0 ? NO_RULES_HERE : rules.flatMap((rule) => {
        if (rule.segments.length === 0) return [{ rule, rest: [] }];
        const [first, ...rest] = rule.segments;
        return first?.kind === 'name' && first.name === param.name ? [{ rule, rest }] : [];
      });
      if (!this.valuesMatch(param.type, expected[i] as Value, actual[i] as Value, here)) return param.name;
    }
    return undefined;
  }

  /** Typed equality, with redacted strings matching anything and the rules applied where their paths lead. */
  valuesMatch(type: WitType, expected: Value, actual: Value, rules: readonly RuleHere[] = NO_RULES_HERE): boolean {
    for (const { rule, rest } of rules) {
      if (rest.length > 0) continue;
      if (rule.kind === 'ignore') return true;
      if (rule.equal !== undefined) return rule.equal(expected, actual);
    }
    if (rules.length === 0 && !this.placeholders) return valuesEqual(type, expected, actual);
    const below = (test: (segment: PathSegment) => boolean) =>
      rules.flatMap(({ rule, rest }) => {
        const [first, ...remaining] = rest;
        return first !== undefined && test(first) ? [{ rule, rest: remaining }] : [];
      });
    switch (type.kind) {
      case 'string':
      case 'char':
        return typeof expected === 'string' && typeof actual === 'string' && this.placeholders && isRedacted(expected) ? redactedMatches(expected, actual) : valuesEqual(type, expected, actual);
      case 'list': {
        if (!Array.isArray(expected) || !Array.isArray(actual) || expected.length !== actual.length) return false;
        return (expected as readonly Value[]).every((item, i) =>
          this.valuesMatch(type.element, item, (actual as readonly Value[])[i] as Value, below((segment) => segment.kind === 'each' || (segment.kind === 'index' && segment.index === i))),
        );
      }
      case 'tuple':
        return type.elements.every((element, i) =>
          this.valuesMatch(element, (expected as readonly Value[])[i] as Value, (actual as readonly Value[])[i] as Value, below((segment) => segment.kind === 'name' && segment.name === String(i))),
        );
      case 'record':
        return type.fields.every((field) => {
          // An option field may be left out of a record: it is `none`.
          const value = (record: Value) => (record as RecordValue)[field.name] ?? (field.type.kind === 'option' ? { tag: 'none' } : undefined);
          const left = value(expected);
          const right = value(actual);
          if (left === undefined || right === undefined) return left === right;
          return this.valuesMatch(field.type, left, right, below((segment) => segment.kind === 'name' && segment.name === field.name));
        });
      case 'option':
      case 'result':
      case 'variant': {
        const left = expected as CaseValue;
        const right = actual as CaseValue;
        if (left.tag !== right.tag) return false;
        const payload = caseType(type, left.tag);
        if (payload === undefined || left.value === undefined || right.value === undefined) return left.value === undefined && right.value === undefined;
        return this.valuesMatch(payload, left.value, right.value, below((segment) => segment.kind === 'name' && segment.name === left.tag));
      }
      default:
        return valuesEqual(type, expected, actual);
    }
  }
}

/** The placeholder redaction writes: `[REDACTED]`, or `[REDACTED:name]`. */
export const REDACTED = /\[REDACTED(?::[^\]\n]*)?\]/g;

export function isRedacted(text: string): boolean {
  return text.includes('[REDACTED');
}

/** A string with placeholders matches any string equal to it with anything in their place. */
function redactedMatches(expected: string, actual: string): boolean {
  const parts = expected.split(REDACTED).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('[\\s\\S]*')}$`).test(actual);
}

function checkRule(rule: MatchRule, name: string): void {
  if (typeof rule !== 'object' || rule === null || typeof rule.import !== 'string' || rule.import === '') {
    throw new ProxyComponentError('USAGE', `${name}: a rule is { import: 'ns:pkg/iface.func', path?, ignore | equal | anyOrder }, got ${JSON.stringify(rule)}`);
  }
  const kinds = [rule.ignore === true, typeof rule.equal === 'function', rule.anyOrder === true].filter(Boolean).length;
  if (kinds !== 1) throw new ProxyComponentError('USAGE', `${name} (${rule.import}): give exactly one of \`ignore: true\`, \`equal: (expected, actual) => boolean\` and \`anyOrder: true\``);
  if (rule.equal !== undefined && typeof rule.equal !== 'function') throw new ProxyComponentError('USAGE', `${name} (${rule.import}): \`equal\` is a function (expected, actual) => boolean`);
  if (rule.anyOrder === true && rule.path !== undefined) throw new ProxyComponentError('USAGE', `${name} (${rule.import}): \`anyOrder\` is about whole calls; it takes no \`path\``);
  if (rule.path !== undefined && typeof rule.path !== 'string') throw new ProxyComponentError('USAGE', `${name} (${rule.import}): \`path\` is a string (\`param.field[*]\`)`);
}

/** The names a rule may give a function: canonical, unversioned, `iface.func`. */
export function functionNames(fn: WorldFunction): string[] {
  const canonical = callNameOf(fn);
  const unversioned = unversionedCallName(canonical);
  const short = fn.interface?.name === undefined ? fn.function.name : `${fn.interface.name}.${fn.function.name}`;
  return [canonical, unversioned, short];
}

/** A rule's function name, `*` standing for any run of characters. */
export function namePattern(text: string): RegExp {
  return new RegExp(`^${text.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

/** Checks a path against the function's parameters: its first segment names one. */
function pathType(fn: WorldFunction, segments: readonly PathSegment[], where: string): void {
  const [first, ...rest] = segments;
  if (first === undefined) return;
  const param = first.kind === 'name' ? fn.function.params.find((candidate) => candidate.name === first.name) : undefined;
  if (param === undefined) {
    throw new ProxyComponentError('USAGE', `${where}: a path starts with a parameter of \`${callNameOf(fn)}\` (its parameters: ${fn.function.params.map((p) => p.name).join(', ') || 'none'})`);
  }
  typeAtPath(param.type, rest, where);
}

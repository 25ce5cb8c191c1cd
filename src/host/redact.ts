/**
 * Redaction: secrets taken out of a recording before anything is written
 * (Polly.js's `beforePersist`, VCR's `filter_sensitive_data`). A rule names
 * a place, by import or export and value path, or an environment variable:
 *
 * ```ts
 * redact: [
 *   { env: 'API_TOKEN' },                                          // its value in wasi:cli/environment answers
 *   { import: 'example:http/client.send', path: 'request.headers[*].1', as: 'header' },
 *   { import: 'example:auth/tokens.issue', path: 'result' },       // what an import answered
 * ]
 * ```
 *
 * A string there becomes the placeholder `[REDACTED]` (`[REDACTED:<as>]`),
 * which replay answers with and compares as equal to anything; numbers become
 * 0, booleans false, lists of numbers zeros (replay then answers those, so a
 * component that computes with them computes otherwise). Every other
 * occurrence of a redacted string anywhere in the recording (an export that
 * echoes a token) is replaced too: the secret never reaches the disk.
 */
import { ProxyComponentError } from '../errors.js';
import type { CallOutcome, ExportCall, ImportCall, Trace } from '../trace/model.js';
import { formatValuePath, mapAtPath, parseValuePath, typeAtPath, type PathSegment } from '../values/value-path.js';
import type { CaseValue, RecordValue, Value } from '../values/value.js';
import { callNameOf, callNames, didYouMean, unversionedCallName } from '../wit/lookup.js';
import { isPrimitiveKind, type WitType } from '../wit/types.js';
import { worldFunctions, type World, type WorldFunction } from '../wit/world.js';
import { functionNames, isRedacted, namePattern, type MatchRule } from './match-rules.js';

export interface RedactionRule {
  /** An import function (call name with or without version, `iface.func`; `*` for any run of characters). */
  readonly import?: string;
  /** Or an export function. */
  readonly export?: string;
  /** With `import` or `export`: `result` (what the call returned) or a parameter, then `.field`, `[*]`, `.0`… (`result[*].1`). */
  readonly path?: string;
  /** An environment variable, whose value is redacted wherever the environment is answered. */
  readonly env?: string;
  /** Names the placeholder: `[REDACTED:<as>]`. */
  readonly as?: string;
}

const ENVIRONMENT = 'wasi:cli/environment.get-environment';
/** Shorter strings are too common to hunt for elsewhere in a recording. */
const MIN_SECRET_LENGTH = 4;

/** Checks rules given as data (a configuration's JSON), naming the rule that is wrong. */
export function checkRedactionRules(rules: unknown, where: string): RedactionRule[] {
  if (!Array.isArray(rules)) throw new ProxyComponentError('USAGE', `${where} takes a list of rules ({ env } or { import | export, path }), got ${typeof rules}`);
  return rules.map((rule: unknown, index) => {
    const name = `${where} #${index + 1}`;
    if (typeof rule !== 'object' || rule === null) throw new ProxyComponentError('USAGE', `${name}: a rule is { env: 'NAME' } or { import | export: 'ns:pkg/iface.func', path: 'param…' | 'result…' }`);
    const { import: imported, export: exported, path, env, as } = rule as Record<string, unknown>;
    for (const [key, value] of Object.entries({ import: imported, export: exported, path, env, as })) {
      if (value !== undefined && (typeof value !== 'string' || value === '')) throw new ProxyComponentError('USAGE', `${name}: \`${key}\` is a non-empty string`);
    }
    const places = [imported, exported, env].filter((value) => value !== undefined).length;
    if (places !== 1) throw new ProxyComponentError('USAGE', `${name}: give exactly one of \`env\`, \`import\` and \`export\``);
    if (env === undefined && path === undefined) throw new ProxyComponentError('USAGE', `${name}: say where with \`path\`: \`result\`, or a parameter (\`request.headers[*].1\`)`);
    if (typeof as === 'string' && /[\]\n]/.test(as)) throw new ProxyComponentError('USAGE', `${name}: \`as\` may not hold \`]\` or a line break`);
    return rule as RedactionRule;
  });
}

/**
 * Checks the rules against the component's world before anything is recorded: a rule naming no
 * function, or a path that is not there, would leave the secret in the recording.
 */
export function checkRedactionAgainstWorld(world: World, rules: readonly RedactionRule[]): void {
  for (const [index, rule] of rules.entries()) {
    const direction = rule.import !== undefined ? 'import' : rule.export !== undefined ? 'export' : undefined;
    if (direction === undefined) continue;
    const pattern = rule[direction] as string;
    const name = `redact rule #${index + 1} (${direction} ${pattern})`;
    const matched = worldFunctions(world, direction).filter((fn) => functionNames(fn).some((candidate) => namePattern(pattern).test(candidate)));
    if (matched.length === 0) throw new ProxyComponentError('USAGE', `${name}: the component ${direction}s no function \`${pattern}\`${didYouMean(pattern, callNames(world, direction))}`);
    for (const fn of matched) {
      const [first, ...rest] = parseValuePath(rule.path as string, name) as [PathSegment, ...PathSegment[]];
      const isResult = first.kind === 'name' && first.name === 'result';
      const param = first.kind === 'name' ? fn.function.params.find((candidate) => candidate.name === first.name) : undefined;
      const type = isResult ? fn.function.result : param?.type;
      if (type === undefined) {
        throw new ProxyComponentError('USAGE', `${name}: a path starts with \`result\` or a parameter of \`${callNameOf(fn)}\` (${fn.function.params.map((p) => p.name).join(', ') || 'none'})${isResult ? ', and it returns nothing' : ''}`);
      }
      typeAtPath(type, rest, `${name} ${rule.path}`);
    }
  }
}

/** The redaction rules that make places of import arguments compare as equal to anything on replay. */
export function redactionMatchRules(rules: readonly RedactionRule[]): MatchRule[] {
  return rules.flatMap((rule) => (rule.import !== undefined && rule.path !== undefined && !/^result(?![A-Za-z0-9_-])/.test(rule.path) ? [{ import: rule.import, path: rule.path, ignore: true }] : []));
}

/** The trace with every place the rules name, and every other occurrence of what was there, redacted. */
export function redactTrace(trace: Trace, rules: readonly RedactionRule[]): Trace {
  if (rules.length === 0) return trace;
  const secrets = new Set<string>();
  const place = (fn: WorldFunction, direction: 'import' | 'export') => {
    const applying = rules.filter((rule) => {
      const pattern = direction === 'import' ? rule.import : rule.export;
      return pattern !== undefined && functionNames(fn).some((name) => namePattern(pattern).test(name));
    });
    return applying;
  };
  const redactCall = <C extends ExportCall | ImportCall>(call: C, direction: 'import' | 'export'): C => {
    let args = call.args;
    let outcome: CallOutcome = call.outcome;
    for (const rule of place(call.function, direction)) {
      const where = `redact rule (${direction} ${rule[direction]} ${rule.path})`;
      const [first, ...rest] = parseValuePath(rule.path as string, where) as [PathSegment, ...PathSegment[]];
      const placeholder = rule.as === undefined ? '[REDACTED]' : `[REDACTED:${rule.as}]`;
      const replace = (type: WitType, value: Value) => redactValue(type, value, placeholder, secrets, `${where}: ${formatValuePath([first, ...rest])}`);
      if (first.kind === 'name' && first.name === 'result') {
        const type = call.function.function.result;
        if (type === undefined) throw new ProxyComponentError('USAGE', `${where}: \`${callNameOf(call.function)}\` returns nothing`);
        typeAtPath(type, rest, where);
        if (outcome.kind === 'return' && outcome.value !== undefined) outcome = { kind: 'return', value: mapAtPath(type, outcome.value, rest, replace) };
        continue;
      }
      const params = call.function.function.params;
      const index = first.kind === 'name' ? params.findIndex((param) => param.name === first.name) : -1;
      const param = params[index];
      if (param === undefined) throw new ProxyComponentError('USAGE', `${where}: a path starts with \`result\` or a parameter of \`${callNameOf(call.function)}\` (${params.map((p) => p.name).join(', ') || 'none'})`);
      typeAtPath(param.type, rest, where);
      args = args.map((value, i) => (i === index ? mapAtPath(param.type, value, rest, replace) : value));
    }
    if (direction === 'import' && unversionedCallName(callNameOf(call.function)) === ENVIRONMENT && outcome.kind === 'return' && outcome.value !== undefined) {
      const names = new Map(rules.flatMap((rule) => (rule.env === undefined ? [] : [[rule.env, rule.as === undefined ? '[REDACTED]' : `[REDACTED:${rule.as}]`] as const])));
      if (names.size > 0) {
        const entries = outcome.value as readonly (readonly [string, string])[];
        outcome = {
          kind: 'return',
          value: entries.map(([key, value]) => {
            const placeholder = names.get(key);
            if (placeholder === undefined) return [key, value];
            if (value.length >= MIN_SECRET_LENGTH) secrets.add(value);
            return [key, placeholder];
          }),
        };
      }
    }
    return { ...call, args, outcome };
  };
  const calls = trace.calls.map((call) => ({ ...redactCall(call, 'export'), imports: call.imports.map((made) => redactCall(made, 'import')) }));
  if (secrets.size === 0) return { ...trace, calls };
  // Every other place a secret shows up (an answer echoed in an export's result, a header built from a token).
  const scrub = (text: string) => {
    let out = text;
    for (const secret of secrets) out = out.split(secret).join('[REDACTED]');
    return out;
  };
  const scrubCall = <C extends ExportCall | ImportCall>(call: C): C => {
    const fn = call.function.function;
    const args = call.args.map((value, i) => mapStrings((fn.params[i] as { type: WitType }).type, value, scrub));
    const outcome: CallOutcome =
      call.outcome.kind === 'trap'
        ? { kind: 'trap', message: scrub(call.outcome.message) }
        : call.outcome.value === undefined || fn.result === undefined
          ? call.outcome
          : { kind: 'return', value: mapStrings(fn.result, call.outcome.value, scrub) };
    return { ...call, args, outcome };
  };
  return { ...trace, calls: calls.map((call) => ({ ...scrubCall(call), imports: call.imports.map(scrubCall) })) };
}

function redactValue(type: WitType, value: Value, placeholder: string, secrets: Set<string>, where: string): Value {
  switch (type.kind) {
    case 'string':
      if (typeof value === 'string' && value.length >= MIN_SECRET_LENGTH && !isRedacted(value)) secrets.add(value);
      return placeholder;
    case 'char':
      return '?';
    case 'bool':
      return false;
    case 's64':
    case 'u64':
      return 0n;
    case 's8':
    case 's16':
    case 's32':
    case 'u8':
    case 'u16':
    case 'u32':
    case 'f32':
    case 'f64':
      return 0;
    case 'list':
      if (isPrimitiveKind(type.element.kind)) return (value as readonly Value[]).map((item) => redactValue(type.element, item, placeholder, secrets, where));
      break;
    default:
      break;
  }
  throw new ProxyComponentError('USAGE', `${where}: redaction replaces strings, numbers, booleans and lists of them; the value there is a ${type.kind} (lead the path to its parts)`);
}

/** The value with every string in it passed through `map`. */
function mapStrings(type: WitType, value: Value, map: (text: string) => string): Value {
  switch (type.kind) {
    case 'string':
      return typeof value === 'string' ? map(value) : value;
    case 'list':
      return (value as readonly Value[]).map((item) => mapStrings(type.element, item, map));
    case 'tuple':
      return (value as readonly Value[]).map((item, i) => mapStrings(type.elements[i] as WitType, item, map));
    case 'record': {
      const record = value as RecordValue;
      return Object.fromEntries(
        Object.entries(record).map(([name, item]) => {
          const field = type.fields.find((candidate) => candidate.name === name);
          return [name, field === undefined ? item : mapStrings(field.type, item, map)];
        }),
      );
    }
    case 'option':
    case 'result':
    case 'variant': {
      const chosen = value as CaseValue;
      const payload = type.kind === 'option' ? (chosen.tag === 'some' ? type.some : undefined) : type.kind === 'result' ? (chosen.tag === 'ok' ? type.ok : type.err) : type.cases.find((c) => c.name === chosen.tag)?.type;
      return payload === undefined || chosen.value === undefined ? value : { tag: chosen.tag, value: mapStrings(payload, chosen.value, map) };
    }
    default:
      return value;
  }
}

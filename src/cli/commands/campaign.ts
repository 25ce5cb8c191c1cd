/**
 * `proxy-component campaign bindings`: a differential campaign on generated
 * components (src/campaign/): random WIT worlds of functions implemented in
 * a known way, built with jco's wasm-tools, run on the engines, every call
 * checked against the truth and across engines; each failure shrunk to a
 * minimal WIT, WAT and call, and written as a report ready to file.
 */
import { writeFile } from 'node:fs/promises';
import { FUNCTION_KINDS, STRING_ENCODINGS, type FunctionKind, type StringEncoding } from '../../campaign/bindings-case.js';
import { DEFAULT_BATCH_ENGINES, DEFAULT_BATCH_SIZE, runBindingsCampaign } from '../../campaign/campaign.js';
import { writeFindingFiles } from '../../campaign/finding-files.js';
import { renderCampaign } from '../../campaign/render.js';
import { parseEngineList } from '../../engines/registry.js';
import { ProxyComponentError } from '../../errors.js';
import { describeIoError } from '../../util/io-error.js';
import type { CommandSpec } from '../command.js';
import { EXIT_BAD_INPUT, EXIT_FOUND_PROBLEM, EXIT_OK } from '../exit-code.js';
import { integerOption, seedOption } from '../option-values.js';

interface CampaignCommandOptions {
  readonly count: string;
  readonly seed?: string;
  readonly engines: string;
  readonly encodings: string;
  readonly timeout: string;
  readonly shrink: boolean;
  readonly shrinkTime: string;
  readonly json?: string;
  readonly reportDir?: string;
  readonly kinds: string;
  readonly batch: string;
  readonly batchEngines: string;
}

export const CAMPAIGNS = ['bindings'] as const;

function kindList(text: string): FunctionKind[] {
  const names = text.split(',').map((name) => name.trim()).filter((name) => name !== '');
  for (const name of names) {
    if (!(FUNCTION_KINDS as readonly string[]).includes(name)) throw new ProxyComponentError('USAGE', `--kinds: unknown kind of function \`${name}\` (known: ${FUNCTION_KINDS.join(', ')})`);
  }
  if (names.length === 0) throw new ProxyComponentError('USAGE', '--kinds names no kind of function');
  return names as FunctionKind[];
}

function encodingList(text: string): StringEncoding[] {
  const names = text.split(',').map((name) => name.trim()).filter((name) => name !== '');
  for (const name of names) {
    if (!(STRING_ENCODINGS as readonly string[]).includes(name)) throw new ProxyComponentError('USAGE', `--encodings: unknown string encoding \`${name}\` (known: ${STRING_ENCODINGS.join(', ')})`);
  }
  if (names.length === 0) throw new ProxyComponentError('USAGE', '--encodings names no encoding');
  return names as StringEncoding[];
}

export const campaignCommand: CommandSpec<CampaignCommandOptions> = {
  name: 'campaign',
  summary: 'generate components and calls, run them on engines, check every result against the truth, shrink what fails',
  help: [
    'Campaigns: bindings (functions over random WIT types, implemented in a known way, so every call has a known right answer):',
    '  echo (gives its arguments back), import-echo (through an import and back), checksum (of the memory image of its',
    '  arguments: lowering checked without lifting), resource (constructor, method, borrow, own taken and dropped).',
    '',
    'Examples:',
    '  proxy-component campaign bindings --count 50 --seed 1',
    '  proxy-component campaign bindings --engines jco,node,wasmtime --encodings utf8,utf16',
    '  proxy-component campaign bindings --count 200 --engines jco,node,bun,deno,gjs,jsc,wasmtime --report-dir findings',
    '',
    'Values compare with typed equality; the one normalisation is that every NaN equals every NaN (engines may change NaN payloads).',
    'Exit codes: 0 nothing found; 1 a failure found and confirmed on a fresh run; 2 bad input, or no engine could run any case.',
  ].join('\n'),
  arguments: [{ syntax: '<campaign>', description: CAMPAIGNS.join(' | ') }],
  options: [
    { flags: '--count <n>', description: 'cases (components with their calls) to generate', defaultValue: '20' },
    { flags: '--seed <n>', description: 'fast-check seed (default: random, printed)' },
    { flags: '--engines <list>', description: 'engines, comma-separated', defaultValue: 'jco,wasmtime' },
    { flags: '--encodings <list>', description: `string encodings of the generated components (${STRING_ENCODINGS.join(', ')}; compact-utf16 is latin1+utf16)`, defaultValue: STRING_ENCODINGS.join(',') },
    { flags: '--timeout <ms>', description: 'longest one call may run on one engine', defaultValue: '10000' },
    { flags: '--no-shrink', description: 'report failing cases as generated' },
    { flags: '--shrink-time <ms>', description: 'longest one shrink may take', defaultValue: '60000' },
    { flags: '--kinds <list>', description: `kinds of generated functions (${FUNCTION_KINDS.join(', ')})`, defaultValue: FUNCTION_KINDS.join(',') },
    { flags: '--batch <n>', description: 'cases run as one component on the --batch-engines (which pay their per-component cost once per batch)', defaultValue: String(DEFAULT_BATCH_SIZE) },
    { flags: '--batch-engines <list>', description: 'engines given batches; the others run each case as a component by itself', defaultValue: DEFAULT_BATCH_ENGINES.join(',') },
    { flags: '--json <file>', description: 'also write the report as JSON' },
    { flags: '--report-dir <dir>', description: 'write each confirmed finding as a folder ready to file upstream (REPORT.md, WIT, WAT, component, trace)' },
  ],
  async run(args, options, io) {
    const campaign = String(args[0]);
    if (!(CAMPAIGNS as readonly string[]).includes(campaign)) throw new ProxyComponentError('USAGE', `unknown campaign \`${campaign}\` (known: ${CAMPAIGNS.join(', ')})`);
    const seed = options.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : seedOption(options.seed);
    const report = await runBindingsCampaign({
      engines: parseEngineList([options.engines]),
      count: integerOption(options.count, '--count', 1),
      seed,
      generator: { encodings: encodingList(options.encodings), kinds: kindList(options.kinds) },
      batchSize: integerOption(options.batch, '--batch', 1),
      batchEngines: options.batchEngines.split(',').map((name) => name.trim()).filter((name) => name !== ''),
      timeoutMs: integerOption(options.timeout, '--timeout', 1),
      shrink: options.shrink,
      shrinkTimeMs: integerOption(options.shrinkTime, '--shrink-time', 1),
      log: (line) => io.stderr(`${line}\n`),
    });
    if (options.json !== undefined) {
      const file = options.json;
      const json = JSON.stringify(report, (_, value: unknown) => (typeof value === 'bigint' ? value.toString() : value), 2);
      await writeFile(file, `${json}\n`).catch((cause: unknown) => {
        throw new ProxyComponentError('IO', `cannot write ${file}: ${describeIoError(cause)}`, { cause });
      });
    }
    io.stdout(`${renderCampaign(report)}\n`);
    if (options.reportDir !== undefined) {
      const folders = await writeFindingFiles(report, options.reportDir);
      if (folders.length > 0) io.stdout(`\nreports written: ${folders.join(', ')}\n`);
    }
    if (report.findings.some((finding) => finding.confirmed)) return EXIT_FOUND_PROBLEM;
    if (report.engines.every((engine) => engine.calls === 0)) return EXIT_BAD_INPUT;
    return EXIT_OK;
  },
};

/**
 * `proxy-component interpreters <language>`: a native-vs-Wasm campaign of
 * generated programs on an interpreter component (examples/interpreters/),
 * across engines and the native interpreter (src/interpreters/campaign.ts);
 * with `--replay`, the programs of a corpus of saved divergences run again
 * (src/interpreters/replay.ts).
 */
import { writeFile } from 'node:fs/promises';
import { ProxyComponentError } from '../../errors.js';
import { runCampaign } from '../../interpreters/campaign.js';
import { languageByName, LANGUAGES } from '../../interpreters/languages.js';
import { NATIVE_ENGINE } from '../../interpreters/native-command-engine.js';
import { renderCampaign, renderReplay } from '../../interpreters/render.js';
import { replayCorpus } from '../../interpreters/replay.js';
import { describeIoError } from '../../util/io-error.js';
import type { CommandSpec } from '../command.js';
import { integerOption } from '../option-values.js';
import { EXIT_FOUND_PROBLEM, EXIT_OK } from '../exit-code.js';

interface InterpretersOptions {
  readonly programs: string;
  readonly seed?: string;
  readonly engines?: string;
  readonly timeout: string;
  readonly corpus?: string;
  readonly json?: string;
  readonly shrink: boolean;
  readonly concurrency: string;
  readonly replay?: string[];
}

/** The engines of a campaign unless told otherwise: every engine that can run a component, and the native interpreter. */
export const DEFAULT_ENGINES = ['jco', 'node', 'bun', 'gjs', 'wasmtime', NATIVE_ENGINE] as const;

async function writeJson(file: string, value: unknown): Promise<void> {
  await writeFile(file, `${JSON.stringify(value, null, 2)}\n`).catch((cause: unknown) => {
    throw new ProxyComponentError('IO', `cannot write ${file}: ${describeIoError(cause)}`, { cause });
  });
}

export const interpretersCommand: CommandSpec<InterpretersOptions> = {
  name: 'interpreters',
  summary: 'run generated programs on an interpreter component across engines and the native interpreter, and compare',
  help: [
    'Languages: python (CPython built with componentize-py), javascript (QuickJS-ng built with componentize-qjs).',
    'Build the components first: bash scripts/setup-interpreters.sh',
    '',
    'Examples:',
    '  proxy-component interpreters python --programs 500 --seed 1 --corpus corpus/python',
    '  proxy-component interpreters javascript --engines jco,wasmtime,native',
    '  proxy-component interpreters python --engines jco,native-command:python3.13',
    '  proxy-component interpreters python --replay corpus/python',
    '',
    `Engines: any of \`proxy-component engines\`; \`${NATIVE_ENGINE}\`: the language's own interpreter (python3, node) found on PATH;`,
    'native-command:<command>: any command, given the program on standard input.',
    'Exit codes: 0 no divergence, or only known differences (each explained in the report); 1 an unexplained divergence; 2 bad input.',
  ].join('\n'),
  arguments: [{ syntax: '<language>', description: `${Object.keys(LANGUAGES).join(' or ')}` }],
  options: [
    { flags: '--programs <n>', description: 'programs to generate', defaultValue: '100' },
    { flags: '--seed <n>', description: 'fast-check seed (default: random, printed)' },
    { flags: '--engines <list>', description: `engines, comma-separated (default: ${DEFAULT_ENGINES.join(',')})` },
    { flags: '--timeout <ms>', description: 'longest one program may run on one engine; longer is reported as a timeout, never compared', defaultValue: '10000' },
    { flags: '--corpus <dir>', description: 'save each divergence there as a replayable trace' },
    { flags: '--json <file>', description: 'also write the report as JSON' },
    { flags: '--no-shrink', description: 'report divergent programs as generated' },
    { flags: '--concurrency <n>', description: 'engine runs at once', defaultValue: '2' },
    { flags: '--replay <path...>', description: 'instead of generating programs, run the programs of saved divergences again (trace files or corpus folders)' },
  ],
  async run(args, options, io) {
    const language = languageByName(String(args[0]));
    const engines = (options.engines ?? DEFAULT_ENGINES.join(','))
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== '');
    const timeoutMs = integerOption(options.timeout, '--timeout', 1);
    if (options.replay !== undefined) {
      const replay = await replayCorpus({ language, engines, paths: options.replay, timeoutMs });
      if (options.json !== undefined) await writeJson(options.json, replay);
      io.stdout(`${renderReplay(replay)}\n`);
      return replay.programs.some((program) => program.verdict !== undefined && program.explanation === undefined) ? EXIT_FOUND_PROBLEM : EXIT_OK;
    }
    const seed = options.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : integerOption(options.seed, '--seed', 0);
    const report = await runCampaign({
      language,
      engines,
      programs: integerOption(options.programs, '--programs', 1),
      seed,
      timeoutMs,
      concurrency: integerOption(options.concurrency, '--concurrency', 1),
      shrink: options.shrink,
      ...(options.corpus === undefined ? {} : { corpus: options.corpus }),
      log: (line) => io.stderr(`${line}\n`),
    });
    if (options.json !== undefined) await writeJson(options.json, report);
    io.stdout(`${renderCampaign(report)}\n`);
    return report.divergences.some((divergence) => divergence.explanation === undefined) ? EXIT_FOUND_PROBLEM : EXIT_OK;
  },
};

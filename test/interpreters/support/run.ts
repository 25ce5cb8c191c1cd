/**
 * Real runs for tests: programs on an interpreter component (jco) or on the
 * native interpreter (the campaign's `native` engine, or any native command),
 * each program's interpreter result as it came, before normalisation.
 */
import { jcoEngine } from '../../../src/engines/in-process/jco-engine.js';
import type { Engine } from '../../../src/engines/engine.js';
import { runFunction } from '../../../src/interpreters/campaign-engines.js';
import type { InterpreterLanguage } from '../../../src/interpreters/languages.js';
import { nativeInterpreterEngine } from '../../../src/interpreters/native-interpreter.js';
import { interpreterResult, type InterpreterResult } from '../../../src/interpreters/normalise.js';
import { programCalls } from '../../../src/interpreters/run-programs.js';
import { interpreterComponent } from './components.js';

export async function resultsOn(engine: Engine, language: InterpreterLanguage, programs: readonly string[]): Promise<InterpreterResult[]> {
  const component = await interpreterComponent(language);
  const loaded = await engine.load({ bytes: component.bytes, path: component.path });
  const run = await loaded.run(programCalls(runFunction(component), programs), { timeoutMs: 60_000 });
  return run.calls.map((report, index) => {
    const result = report.outcome.kind === 'return' ? interpreterResult(report.outcome.value) : undefined;
    if (result === undefined) throw new Error(`program ${index} did not return a result: ${JSON.stringify(report.outcome)}`);
    return result;
  });
}

export function componentResults(language: InterpreterLanguage, programs: readonly string[]): Promise<InterpreterResult[]> {
  return resultsOn(jcoEngine, language, programs);
}

export async function nativeResults(language: InterpreterLanguage, programs: readonly string[]): Promise<InterpreterResult[]> {
  return resultsOn(await nativeInterpreterEngine(language.native), language, programs);
}

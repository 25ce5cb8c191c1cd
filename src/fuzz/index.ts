/**
 * Fuzzing components from their WIT types: value arbitraries biased to the
 * edges, runs of export calls with generated arguments and import answers on
 * fresh instances, properties, shrinking, saved failures that replay against
 * the property, and the watched session the CLI runs.
 */
export { valueArbitrary } from './arbitrary.js';
export type { ValueArbitraryOptions } from './arbitrary.js';
export { fuzz, DEFAULT_RUNS } from './fuzz.js';
export { defaultSeed, environmentSeed, randomSeed, SEED_VARIABLE } from './seed.js';
export type { FuzzFailure, FuzzOptions, FuzzProgress, FuzzReport, FuzzSupervision, SearchStatistics } from './fuzz.js';
export { fuzzComponentFile, DEFAULT_FUZZ_TIMEOUT_MS } from './session.js';
export type { FuzzFileOptions, FuzzFileResult, SessionFailure } from './session.js';
export { BUILT_IN_PROPERTIES, checkCall, defineProperty, noTrap, propertySet, wellTyped } from './property.js';
export type { CallRecord, CallResult, FuzzProperty, PropertyContext, PropertyFailure, PropertyVerdict } from './property.js';
export { loadProperties, propertiesFrom } from './host-module.js';
export { failureHeader, failureTrace, observedOutcome, observedTrace } from './failure-trace.js';
export { corpusFileName, saveFailure } from './corpus.js';
export type { SavedFailure } from './corpus.js';
export { formatCoverage, mergeCoverage, TypeCoverage } from './coverage.js';
export type { CoverageLine, CoverageReport } from './coverage.js';
export { answerTapes, callPlanArbitrary, fuzzableExports } from './plan.js';
export type { PlanOptions, PlannedCall, SkippedFunction } from './plan.js';
export { AnswerTape, AnswerTapeArbitrary } from './answer-tape.js';
export type { AnswerTapeOptions } from './answer-tape.js';
export { commitAnswers, executeRun, fuzzTarget } from './run.js';
export type { FuzzTarget, RunHooks, RunOptions, RunResult } from './run.js';
export { formatSummary } from './summary.js';

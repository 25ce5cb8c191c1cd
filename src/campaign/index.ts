/** Differential campaigns on generated components: named re-exports. */
export type { BindingsCase, CaseCall, CaseFunction, FunctionKind, StringEncoding } from './bindings-case.js';
export { FUNCTION_KINDS, STRING_ENCODINGS, echoResultType, echoValue } from './bindings-case.js';
export { checksum } from './checksum.js';
export { casePlan } from './case-plan.js';
export type { PlannedCheck } from './case-plan.js';
export { caseArbitrary, witTypeArbitrary } from './case-arbitrary.js';
export type { CaseOptions } from './case-arbitrary.js';
export { buildCase } from './build-case.js';
export type { BuiltCase } from './build-case.js';
export { checkCase } from './check-case.js';
export type { CaseCheck, Mismatch } from './check-case.js';
export { campaignCases, runBindingsCampaign } from './campaign.js';
export type { CampaignOptions } from './campaign.js';
export { renderCampaign } from './render.js';
export type { BindingsCampaignReport, Finding } from './report.js';

/** Values of WIT types: the representation, typed equality, and the bridge to jco's JS values. */
export { NONE, ResourceHandle, err, ok, some, variantCase } from './value.js';
export type { CaseValue, RecordValue, Value } from './value.js';
export { valuesEqual } from './equal.js';
export { fromJco, jcoConverter, toJco } from './jco.js';
export type { JcoConverter, JcoOptions } from './jco.js';
export { fromJcoReturn, fromJcoThrown, toJcoReturn, JcoResultError } from './jco-return.js';
export type { JcoOutcome, JcoReturnOptions, JcoSide } from './jco-return.js';
export { ResourceTable } from './resource-table.js';
export type { ResourceFactory } from './resource-table.js';
export type { ExportType, ExportTypes, UntypedExports } from './component-types.js';
export { exportTypesDeclaration } from './types-declaration.js';

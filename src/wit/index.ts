/** The WIT model and its readers: WIT text, WIT folders and component binaries. */
export type {
  Case,
  EnumType,
  Field,
  FlagsType,
  FloatKind,
  HandleType,
  IntegerKind,
  ListType,
  OptionType,
  PrimitiveKind,
  PrimitiveType,
  RecordType,
  ResourceType,
  ResultType,
  TupleType,
  TypeDefinition,
  TypeName,
  UnsupportedType,
  VariantType,
  WitType,
  WitTypeKind,
} from './types.js';
export { PRIMITIVE_KINDS, findUnsupported, isPrimitiveKind, primitive } from './types.js';
export type {
  FunctionKind,
  PackageName,
  Param,
  WitDocument,
  WitFunction,
  WitInterface,
  WitPackage,
  World,
  WorldFunction,
  WorldItem,
} from './world.js';
export { formatPackageName, interfaceId, worldFunctions } from './world.js';
export { loadWit, parseWit, selectWorld } from './load.js';
export { decodeComponentWorld } from './binary/decode.js';
export { printFunctionSignature, printInterface, printWitType, printWorld } from './print.js';
export { readWitSource } from './source.js';
export type { WitSource } from './source.js';
export { callNameOf, interfaceScope, lookupFunction, worldScope } from './lookup.js';
export type { FunctionScope } from './lookup.js';

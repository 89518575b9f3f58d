/** Limits at the edge: shape limits, demand control (IBM cost model), argument bounds and the response budget. */
export { ArgumentChecks } from './ArgumentChecks.ts';
export { costDirectivesSdl, readCostWeight, readListSize, stripCostDirectives, type ListSizeDeclaration } from './costDirectives.ts';
export { checkCostDirectives } from './checkCostDirectives.ts';
export { CostModel, defaultListSize, mutationFieldWeight, type CostModelOptions, type FieldCost } from './CostModel.ts';
export { estimateCost } from './estimateCost.ts';
export { measureActualCost } from './measureActualCost.ts';
export { OperationGuard, type GraphQLRequestText, type GuardedOperation, type OperationGuardOptions } from './OperationGuard.ts';
export { parseDocument } from './parseDocument.ts';
export { approximateJsonBytes, ResponseBudget } from './ResponseBudget.ts';
export { shapeLimitRules } from './shapeLimitRules.ts';

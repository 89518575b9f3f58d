export { buildBffSchema } from './buildBffSchemas.ts';

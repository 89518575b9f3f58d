import { GraphQLError } from 'graphql';

/** Checks a `first` argument against its documented range; BAD_USER_INPUT otherwise. */
export function pageSize(first: number, max: number): number {
  if (!Number.isInteger(first) || first < 1 || first > max) {
    throw new GraphQLError(`"first" must be between 1 and ${max}; got ${first}.`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return first;
}

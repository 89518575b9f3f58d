import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError } from 'graphql';
import { degradedMarker } from '../../degraded/index.ts';
import type { ErrorCode } from '../../errors/index.ts';
import type { FetchField, FetchShape } from './FetchShape.ts';
import type { RemoteFallbacks } from './RemoteFallbacks.ts';

/** Why a remote fetch failed, as every field it carried will say. */
export interface FetchFailure {
  readonly code: ErrorCode;
  readonly message: string;
  readonly service: string;
}

/**
 * The answer of a fetch the subgraph did not answer, made field by field so that `@apollo/gateway`
 * maps every error to the client's path (a data source that throws becomes ONE error without a
 * path): each field the fetch asked for (each entity's, `_entities[i].field`, list indices
 * included) is null with the failure's code and service, or `[]` with a degraded marker where the
 * subgraph declared `@fallback(kind: EMPTY)`. The rest of the plan runs on.
 */
export function failedFetch(shape: FetchShape, variables: Readonly<Record<string, unknown>> | undefined, failure: FetchFailure, fallbacks: RemoteFallbacks): GatewayGraphQLResponse {
  const errors: GraphQLError[] = [];
  const answer = (typeName: string, fields: readonly FetchField[], path: readonly (string | number)[]): Record<string, unknown> => {
    const value: Record<string, unknown> = {};
    for (const field of fields) {
      const fieldPath = [...path, field.responseName];
      const coordinate = `${typeName}.${field.fieldName}`;
      if (fallbacks.kindOf(coordinate) === 'EMPTY') {
        value[field.responseName] = [];
        errors.push(degradedMarker(fieldPath, coordinate, { service: failure.service, reason: failure.code, fallback: 'empty' }));
      } else {
        value[field.responseName] = null;
        errors.push(new GraphQLError(failure.message, { path: fieldPath, extensions: { code: failure.code, service: failure.service } }));
      }
    }
    return value;
  };
  if (!shape.entities) return { data: answer(shape.rootType, shape.rootFields, []), errors };
  const { responseName, fieldsByType } = shape.entities;
  const representations = Array.isArray(variables?.representations) ? (variables.representations as unknown[]) : [];
  const entities = representations.map((representation, index) => {
    const typeName = typeof (representation as { __typename?: unknown } | null)?.__typename === 'string' ? (representation as { __typename: string }).__typename : '';
    const fields = fieldsByType.get(typeName) ?? [...fieldsByType.values()].flat();
    return { __typename: typeName, ...answer(typeName, fields, [responseName, index]) };
  });
  return { data: { [responseName]: entities }, errors };
}

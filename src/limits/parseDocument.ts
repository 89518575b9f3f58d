import { MaxTokensParserWLexer } from '@escape.tech/graphql-armor-max-tokens';
import { GraphQLError, type DocumentNode } from 'graphql';
import { GatewayError } from '../errors/index.ts';

/**
 * Parses a GraphQL document, refusing one of more than `maxTokens` lexical tokens as soon as the
 * lexer passes the limit (GraphQL Armor's counting parser): `TOKEN_LIMIT_EXCEEDED`. A syntax error,
 * or a document nested so deeply that the parser runs out of stack, is `GRAPHQL_PARSE_FAILED`.
 */
export function parseDocument(query: string, maxTokens: number): DocumentNode {
  let tooManyTokens = false;
  try {
    const parser = new MaxTokensParserWLexer(query, {
      n: maxTokens,
      noLocation: false,
      propagateOnRejection: true,
      onReject: [
        () => {
          tooManyTokens = true;
        },
      ],
    });
    return parser.parseDocument();
  } catch (error) {
    if (tooManyTokens) throw new GatewayError('TOKEN_LIMIT_EXCEEDED', `The document has more than ${maxTokens} tokens; that is the limit.`);
    if (error instanceof GraphQLError) throw new GatewayError('GRAPHQL_PARSE_FAILED', error.message);
    if (error instanceof RangeError) throw new GatewayError('GRAPHQL_PARSE_FAILED', 'The document is nested too deeply to parse.');
    throw error;
  }
}

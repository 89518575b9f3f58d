import type { IncomingHttpHeaders } from 'node:http';
import { composeServices } from '@apollo/composition';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLError, parse } from 'graphql';

/**
 * Two remote subgraphs, each a real Apollo Server on a free loopback port, that exercise what a
 * federated plan does: `User` is an entity resolved across both (`@key`), `User.signature`
 * `@requires` the name from accounts, `Review.author` `@provides` the username, `Node` is an
 * interface implemented in both, and some fields fail on purpose (a root field, one item of a
 * list, a non-null field that nulls its parent). Accounts already serves `User.email`; whether the
 * supergraph has it is up to the composition ({@link PlainSubgraphs.compose}).
 */

const federation = '@link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@external", "@requires", "@provides"])';

/** Accounts' SDL; `withEmail` adds `User.email` (the field a hot swap adds). */
export function accountsSdl(withEmail: boolean): string {
  return `extend schema ${federation}
interface Node { id: ID! }
type Query {
  me: User
  user(id: ID!): User
  users: [User!]!
  "Always fails: a root field's error."
  failing: String
}
type User implements Node @key(fields: "id") {
  id: ID!
  name: String!
  username: String! @shareable
  "Fails for u-2: one item of a list errs."
  birthYear: Int
${withEmail ? '  email: String\n' : ''}}`;
}

/** Reviews' SDL. */
export const reviewsSdl = `extend schema ${federation}
interface Node { id: ID! }
type Query {
  latestReviews: [Review!]!
  feed: [Node!]!
}
type Review implements Node @key(fields: "id") {
  id: ID!
  body: String!
  "Fails for r-2."
  stars: Int
  "Non-null, fails for r-3: nulls the review, and up to the nearest nullable parent."
  title: String!
  author: User! @provides(fields: "username")
}
type User implements Node @key(fields: "id") {
  id: ID!
  username: String! @external
  name: String! @external
  reviews: [Review!]!
  signature: String! @requires(fields: "name")
}`;

const users = [
  { id: 'u-1', name: 'Ada Lovelace', username: 'ada', birthYear: 1815, email: 'ada@example.org' },
  { id: 'u-2', name: 'Alan Turing', username: 'alan', birthYear: 1912, email: 'alan@example.org' },
  { id: 'u-3', name: 'Grace Hopper', username: 'grace', birthYear: 1906, email: 'grace@example.org' },
];
const reviews = [
  { id: 'r-1', body: 'Elegant engine.', stars: 5, title: 'Engine', author: 'u-1' },
  { id: 'r-2', body: 'Computable.', stars: 4, title: 'Machines', author: 'u-2' },
  { id: 'r-3', body: 'Found a moth.', stars: 3, title: 'Bug', author: 'u-3' },
  { id: 'r-4', body: 'Notes on notes.', stars: 5, title: 'Notes', author: 'u-1' },
];

type UserRecord = (typeof users)[number];
type ReviewRecord = (typeof reviews)[number];

const userById = (id: string): UserRecord | undefined => users.find((user) => user.id === id);

/** What one subgraph saw of one request. */
export interface SeenRequest {
  readonly headers: IncomingHttpHeaders;
  readonly query: string;
}

/** The two subgraph servers and what they saw. */
export interface PlainSubgraphs {
  readonly accountsUrl: string;
  readonly reviewsUrl: string;
  /** The reviews server's `host:port`, for registering it in a registry. */
  readonly reviewsAddress: string;
  /** Requests each subgraph received, in order. */
  readonly seen: { readonly accounts: SeenRequest[]; readonly reviews: SeenRequest[] };
  /** A supergraph of both (with `User.email` when `withEmail`), with these subgraph URLs (default: the servers'). */
  compose(options?: { withEmail?: boolean; accountsUrl?: string; reviewsUrl?: string }): string;
  stop(): Promise<void>;
}

/** Starts both subgraph servers on free loopback ports. */
export async function startPlainSubgraphs(): Promise<PlainSubgraphs> {
  const seen = { accounts: [] as SeenRequest[], reviews: [] as SeenRequest[] };
  const accounts = new ApolloServer<RecordingContext>({
    plugins: [recording(seen.accounts), ApolloServerPluginInlineTraceDisabled()],
    schema: buildSubgraphSchema({
      typeDefs: parse(accountsSdl(true)),
      resolvers: {
        Query: {
          me: () => users[0],
          user: (_root: unknown, { id }: { id: string }) => userById(id) ?? null,
          users: () => users,
          failing: () => {
            throw new GraphQLError('The failing field failed.', { extensions: { code: 'NOT_FOUND' } });
          },
        },
        User: {
          __resolveReference: (reference: { id: string }) => userById(reference.id) ?? null,
          birthYear: (user: UserRecord) => {
            if (user.id === 'u-2') throw new GraphQLError('That birth year is private.', { extensions: { code: 'FORBIDDEN' } });
            return user.birthYear;
          },
        },
      },
    }),
  });
  const reviewsServer = new ApolloServer<RecordingContext>({
    plugins: [recording(seen.reviews), ApolloServerPluginInlineTraceDisabled()],
    schema: buildSubgraphSchema({
      typeDefs: parse(reviewsSdl),
      resolvers: {
        Query: {
          latestReviews: () => reviews,
          feed: () => [reviews[0], { __typename: 'User', id: 'u-3' }, reviews[1], { __typename: 'User', id: 'u-2' }],
        },
        Node: {
          __resolveType: (node: { __typename?: string }) => node.__typename ?? 'Review',
        },
        Review: {
          __resolveReference: (reference: { id: string }) => reviews.find((review) => review.id === reference.id) ?? null,
          stars: (review: ReviewRecord) => {
            if (review.id === 'r-2') throw new GraphQLError('Stars are being recounted.', { extensions: { code: 'SERVICE_UNAVAILABLE' } });
            return review.stars;
          },
          title: (review: ReviewRecord) => {
            if (review.id === 'r-3') throw new GraphQLError('That title is under review.');
            return review.title;
          },
          author: (review: ReviewRecord) => {
            const user = userById(review.author);
            return { __typename: 'User', id: review.author, username: user?.username };
          },
        },
        User: {
          __resolveReference: (reference: { id: string; name?: string }) => reference,
          reviews: (user: { id: string }) => reviews.filter((review) => review.author === user.id),
          signature: (user: { id: string; name?: string }) => `— ${user.name ?? '?'}`,
        },
      },
    }),
  });
  const context = async ({ req }: { req: { headers: IncomingHttpHeaders } }): Promise<RecordingContext> => ({ headers: req.headers });
  const accountsStarted = await startStandaloneServer(accounts, { listen: { port: 0, host: '127.0.0.1' }, context });
  const reviewsStarted = await startStandaloneServer(reviewsServer, { listen: { port: 0, host: '127.0.0.1' }, context });
  const reviewsUrl = new URL('/graphql', reviewsStarted.url).toString();
  const accountsUrl = new URL('/graphql', accountsStarted.url).toString();
  return {
    accountsUrl,
    reviewsUrl,
    reviewsAddress: new URL(reviewsStarted.url).host,
    seen,
    compose(options = {}) {
      const composed = composeServices([
        { name: 'accounts', typeDefs: parse(accountsSdl(options.withEmail ?? false)), url: options.accountsUrl ?? accountsUrl },
        { name: 'reviews', typeDefs: parse(reviewsSdl), url: options.reviewsUrl ?? reviewsUrl },
      ]);
      if (composed.errors) throw new Error(`composition failed: ${composed.errors.map((error) => error.message).join('; ')}`);
      return composed.supergraphSdl;
    },
    async stop() {
      await Promise.all([accounts.stop(), reviewsServer.stop()]);
    },
  };
}

/** A subgraph request's context: the headers it came with. */
interface RecordingContext {
  readonly headers: IncomingHttpHeaders;
}

/** An Apollo Server plugin that records each request's headers and operation in `list`. */
function recording(list: SeenRequest[]): ApolloServerPlugin<RecordingContext> {
  return {
    async requestDidStart({ request, contextValue }) {
      list.push({ headers: contextValue.headers, query: request.query ?? '' });
    },
  };
}

/** A plain `@apollo/gateway` + Apollo Server over `supergraphSdl` (the reference plain mode must match). */
export interface ReferenceGateway {
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts the reference on a free loopback port: stock options, as a team would run it. */
export async function startReferenceGateway(supergraphSdl: string): Promise<ReferenceGateway> {
  process.env.APOLLO_TELEMETRY_DISABLED = '1';
  const server = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl }) });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return { url, stop: () => server.stop() };
}

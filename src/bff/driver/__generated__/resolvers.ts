import type { GraphQLResolveInfo } from 'graphql';
import type { EntityRef } from '../../../subgraphs/EntityRef.ts';
import type { RequestContext } from '../../../subgraphs/RequestContext.ts';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  _FieldSet: { input: any; output: any; }
};

export type Driver = {
  __typename?: 'Driver';
  id: Scalars['ID']['output'];
};

/** CACHE: the last cached value, at most maxAgeSeconds old (null with the error when none). DEFAULT: a static default. EMPTY: an empty list. NULL: null, with the error. */
export type FallbackKind =
  | 'CACHE'
  | 'DEFAULT'
  | 'EMPTY'
  | 'NULL';

export type Mutation = {
  __typename?: 'Mutation';
  /** Takes a waiting trip. Fails with CONFLICT when another driver took it first. */
  acceptRide: Trip;
  /** Reports the driver's position. */
  updateLocation: Scalars['Boolean']['output'];
};


export type MutationAcceptRideArgs = {
  tripId: Scalars['ID']['input'];
};


export type MutationUpdateLocationArgs = {
  lat: Scalars['Float']['input'];
  lng: Scalars['Float']['input'];
};

/** Owner rules, implemented in src/authz/ownerRules.ts. SELF: the person themselves. TRIP_RIDER: the trip's rider. TRIP_DRIVER: the trip's driver while it is active. TRIP_OFFERED_DRIVER: a driver the waiting trip is offered to. ACTIVE_TRIP_RIDER: a rider with an active trip with this driver. */
export type OwnerRule =
  | 'ACTIVE_TRIP_RIDER'
  | 'SELF'
  | 'TRIP_DRIVER'
  | 'TRIP_OFFERED_DRIVER'
  | 'TRIP_RIDER';

export type Query = {
  __typename?: 'Query';
  /** The signed-in driver. */
  me?: Maybe<Driver>;
  /** Trips waiting for a driver near the signed-in driver, nearest first (1 to 20). */
  rideOffers?: Maybe<Array<Trip>>;
  /** One of the signed-in driver's trips, or a waiting trip near them (offered to them); FORBIDDEN otherwise. */
  trip?: Maybe<Trip>;
};


export type QueryRideOffersArgs = {
  first?: Scalars['Int']['input'];
};


export type QueryTripArgs = {
  id: Scalars['ID']['input'];
};

/** Live screens: the current state first, then each change (src/live). Over WebSocket (graphql-transport-ws) or SSE. */
export type Subscription = {
  __typename?: 'Subscription';
  /** Trips requested near the signed-in driver, as they are requested (the waiting ones first). */
  rideOffers?: Maybe<Trip>;
  /** One of the signed-in driver's trips as it changes: its current state, then each status change. */
  tripUpdated?: Maybe<Trip>;
};


/** Live screens: the current state first, then each change (src/live). Over WebSocket (graphql-transport-ws) or SSE. */
export type SubscriptionTripUpdatedArgs = {
  tripId: Scalars['ID']['input'];
};

export type Trip = {
  __typename?: 'Trip';
  id: Scalars['ID']['output'];
};



export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = {}, TContext = {}, TArgs = {}> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = {}, TContext = {}, TArgs = {}> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = {}, TContext = {}> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = {}, TContext = {}> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = {}, TParent = {}, TContext = {}, TArgs = {}> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Driver: ResolverTypeWrapper<EntityRef>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  FallbackKind: FallbackKind;
  Mutation: ResolverTypeWrapper<{}>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  OwnerRule: OwnerRule;
  Query: ResolverTypeWrapper<{}>;
  Subscription: ResolverTypeWrapper<{}>;
  Trip: ResolverTypeWrapper<EntityRef>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Driver: EntityRef;
  ID: Scalars['ID']['output'];
  Mutation: {};
  Float: Scalars['Float']['output'];
  Query: {};
  Subscription: {};
  Trip: EntityRef;
  Int: Scalars['Int']['output'];
  Boolean: Scalars['Boolean']['output'];
  String: Scalars['String']['output'];
};

export type AuthenticatedDirectiveArgs = { };

export type AuthenticatedDirectiveResolver<Result, Parent, ContextType = RequestContext, Args = AuthenticatedDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type CostDirectiveArgs = {
  weight: Scalars['Int']['input'];
};

export type CostDirectiveResolver<Result, Parent, ContextType = RequestContext, Args = CostDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type FallbackDirectiveArgs = {
  kind: FallbackKind;
  maxAgeSeconds?: Maybe<Scalars['Int']['input']>;
};

export type FallbackDirectiveResolver<Result, Parent, ContextType = RequestContext, Args = FallbackDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ListSizeDirectiveArgs = {
  assumedSize?: Maybe<Scalars['Int']['input']>;
  requireOneSlicingArgument?: Maybe<Scalars['Boolean']['input']>;
  sizedFields?: Maybe<Array<Scalars['String']['input']>>;
  slicingArguments?: Maybe<Array<Scalars['String']['input']>>;
};

export type ListSizeDirectiveResolver<Result, Parent, ContextType = RequestContext, Args = ListSizeDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type OwnerDirectiveArgs = {
  rules: Array<OwnerRule>;
};

export type OwnerDirectiveResolver<Result, Parent, ContextType = RequestContext, Args = OwnerDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type PublicDirectiveArgs = { };

export type PublicDirectiveResolver<Result, Parent, ContextType = RequestContext, Args = PublicDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type RequiresScopesDirectiveArgs = {
  scopes: Array<Array<Scalars['String']['input']>>;
};

export type RequiresScopesDirectiveResolver<Result, Parent, ContextType = RequestContext, Args = RequiresScopesDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type DriverResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Driver'] = ResolversParentTypes['Driver']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Driver']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type MutationResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  acceptRide?: Resolver<ResolversTypes['Trip'], ParentType, ContextType, RequireFields<MutationAcceptRideArgs, 'tripId'>>;
  updateLocation?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationUpdateLocationArgs, 'lat' | 'lng'>>;
};

export type QueryResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  me?: Resolver<Maybe<ResolversTypes['Driver']>, ParentType, ContextType>;
  rideOffers?: Resolver<Maybe<Array<ResolversTypes['Trip']>>, ParentType, ContextType, RequireFields<QueryRideOffersArgs, 'first'>>;
  trip?: Resolver<Maybe<ResolversTypes['Trip']>, ParentType, ContextType, RequireFields<QueryTripArgs, 'id'>>;
};

export type SubscriptionResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  rideOffers?: SubscriptionResolver<Maybe<ResolversTypes['Trip']>, "rideOffers", ParentType, ContextType>;
  tripUpdated?: SubscriptionResolver<Maybe<ResolversTypes['Trip']>, "tripUpdated", ParentType, ContextType, RequireFields<SubscriptionTripUpdatedArgs, 'tripId'>>;
};

export type TripResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Trip'] = ResolversParentTypes['Trip']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Trip']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type Resolvers<ContextType = RequestContext> = {
  Driver?: DriverResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  Trip?: TripResolvers<ContextType>;
};

export type DirectiveResolvers<ContextType = RequestContext> = {
  authenticated?: AuthenticatedDirectiveResolver<any, any, ContextType>;
  cost?: CostDirectiveResolver<any, any, ContextType>;
  fallback?: FallbackDirectiveResolver<any, any, ContextType>;
  listSize?: ListSizeDirectiveResolver<any, any, ContextType>;
  owner?: OwnerDirectiveResolver<any, any, ContextType>;
  public?: PublicDirectiveResolver<any, any, ContextType>;
  requiresScopes?: RequiresScopesDirectiveResolver<any, any, ContextType>;
};

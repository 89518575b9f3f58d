import type { GraphQLResolveInfo } from 'graphql';
import type { TripRecord } from '../../../upstreams/records.ts';
import type { EntityRef } from '../../EntityRef.ts';
import type { RequestContext } from '../../RequestContext.ts';
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

export type LatLng = {
  __typename?: 'LatLng';
  lat: Scalars['Float']['output'];
  lng: Scalars['Float']['output'];
};

/** Owner rules, implemented in src/authz/ownerRules.ts. SELF: the person themselves. TRIP_RIDER: the trip's rider. TRIP_DRIVER: the trip's driver while it is active. TRIP_OFFERED_DRIVER: a driver the waiting trip is offered to. ACTIVE_TRIP_RIDER: a rider with an active trip with this driver. */
export type OwnerRule =
  | 'ACTIVE_TRIP_RIDER'
  | 'SELF'
  | 'TRIP_DRIVER'
  | 'TRIP_OFFERED_DRIVER'
  | 'TRIP_RIDER';

export type Product = {
  __typename?: 'Product';
  id: Scalars['ID']['output'];
};

export type Rider = {
  __typename?: 'Rider';
  id: Scalars['ID']['output'];
  /** The rider's latest trips, newest first (1 to 200). */
  recentTrips?: Maybe<Array<Trip>>;
  /** The rider's trip history, newest first (1 to 200). */
  trips?: Maybe<Array<Trip>>;
};


export type RiderRecentTripsArgs = {
  first?: Scalars['Int']['input'];
};


export type RiderTripsArgs = {
  first?: Scalars['Int']['input'];
};

/** A ride, from request to drop-off. */
export type Trip = {
  __typename?: 'Trip';
  /** Route length in metres. */
  distanceMeters: Scalars['Int']['output'];
  /** Null until a driver accepts. */
  driver?: Maybe<Driver>;
  /** Where the rider is dropped off: the rider, and the driver while the trip is active. */
  dropoff?: Maybe<LatLng>;
  /** Seconds until the driver reaches the pickup (ACCEPTED, ARRIVING) or the drop-off (IN_PROGRESS); null otherwise: the rider, and the driver while the trip is active. */
  etaSeconds?: Maybe<Scalars['Int']['output']>;
  id: Scalars['ID']['output'];
  /** Where the rider is picked up: the rider, the driver while the trip is active, the drivers a waiting trip is offered to. */
  pickup?: Maybe<LatLng>;
  product: Product;
  /** ISO timestamp of the request. */
  requestedAt: Scalars['String']['output'];
  rider: Rider;
  status: TripStatus;
};

export type TripStatus =
  | 'ACCEPTED'
  /** The driver is about to reach the pickup. */
  | 'ARRIVING'
  | 'CANCELLED'
  | 'COMPLETED'
  | 'IN_PROGRESS'
  | 'REQUESTED';



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
  LatLng: ResolverTypeWrapper<LatLng>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  OwnerRule: OwnerRule;
  Product: ResolverTypeWrapper<EntityRef>;
  Rider: ResolverTypeWrapper<EntityRef>;
  Trip: ResolverTypeWrapper<TripRecord>;
  TripStatus: TripStatus;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Driver: EntityRef;
  ID: Scalars['ID']['output'];
  LatLng: LatLng;
  Float: Scalars['Float']['output'];
  Product: EntityRef;
  Rider: EntityRef;
  Trip: TripRecord;
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

export type LatLngResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['LatLng'] = ResolversParentTypes['LatLng']> = {
  lat?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  lng?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ProductResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Product'] = ResolversParentTypes['Product']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Product']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type RiderResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Rider'] = ResolversParentTypes['Rider']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Rider']>, { __typename: 'Rider' } & GraphQLRecursivePick<ParentType, {"id":true}>, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  recentTrips?: Resolver<Maybe<Array<ResolversTypes['Trip']>>, ParentType, ContextType, RequireFields<RiderRecentTripsArgs, 'first'>>;
  trips?: Resolver<Maybe<Array<ResolversTypes['Trip']>>, ParentType, ContextType, RequireFields<RiderTripsArgs, 'first'>>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type TripResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Trip'] = ResolversParentTypes['Trip']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Trip']>, { __typename: 'Trip' } & GraphQLRecursivePick<ParentType, {"id":true}>, ContextType>;
  distanceMeters?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  driver?: Resolver<Maybe<ResolversTypes['Driver']>, ParentType, ContextType>;
  dropoff?: Resolver<Maybe<ResolversTypes['LatLng']>, ParentType, ContextType>;
  etaSeconds?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  pickup?: Resolver<Maybe<ResolversTypes['LatLng']>, ParentType, ContextType>;
  product?: Resolver<ResolversTypes['Product'], ParentType, ContextType>;
  requestedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rider?: Resolver<ResolversTypes['Rider'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['TripStatus'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type Resolvers<ContextType = RequestContext> = {
  Driver?: DriverResolvers<ContextType>;
  LatLng?: LatLngResolvers<ContextType>;
  Product?: ProductResolvers<ContextType>;
  Rider?: RiderResolvers<ContextType>;
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

import type { GraphQLResolveInfo } from 'graphql';
import type { NearbyDriverRecord } from '../../../upstreams/records.ts';
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

/** Where a driver is, and which way they head. */
export type DriverPosition = {
  __typename?: 'DriverPosition';
  /** ISO timestamp of the position; null until the driver's first move is reported. */
  at?: Maybe<Scalars['String']['output']>;
  /** Degrees clockwise from north, 0 to 359; null until the driver's first move is reported. */
  heading?: Maybe<Scalars['Float']['output']>;
  lat: Scalars['Float']['output'];
  lng: Scalars['Float']['output'];
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

export type LatLngInput = {
  lat: Scalars['Float']['input'];
  lng: Scalars['Float']['input'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Books a ride for the signed-in rider. Honours the Idempotency-Key header. */
  requestRide: Trip;
};


export type MutationRequestRideArgs = {
  dropoff: LatLngInput;
  pickup: LatLngInput;
  productId: Scalars['ID']['input'];
};

/** A driver near the rider, with how soon they could arrive: an approximate position only (about 100 m). */
export type NearbyDriver = {
  __typename?: 'NearbyDriver';
  /** Rounded to 100 m, for the same reason. */
  distanceMeters: Scalars['Int']['output'];
  driver: Driver;
  /** Rounded to 15 s, so that ETAs from several points cannot locate the driver more precisely than location. */
  etaSeconds: Scalars['Int']['output'];
  /** The driver's id. */
  id: Scalars['ID']['output'];
  /** Approximate: rounded to 3 decimals of a degree (about 100 m). The precise position is driver.location, for those allowed to see it. */
  location: LatLng;
  vehicle: Vehicle;
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

export type Query = {
  __typename?: 'Query';
  /** Where the driver of the signed-in rider's trip is, while the trip is active (a driver assigned, not ended); null otherwise. */
  driverPosition?: Maybe<DriverPosition>;
  /** The signed-in rider. */
  me?: Maybe<Rider>;
  /** Available drivers nearest to a point, closest first (1 to 20). */
  nearbyDrivers?: Maybe<Array<NearbyDriver>>;
  product?: Maybe<Product>;
  /** Every ride product on offer. */
  products?: Maybe<Array<Product>>;
  /** One of the signed-in rider's trips; another rider's is FORBIDDEN. What the TripLive subscription re-reads on each change. */
  trip?: Maybe<Trip>;
};


export type QueryDriverPositionArgs = {
  tripId: Scalars['ID']['input'];
};


export type QueryNearbyDriversArgs = {
  first?: Scalars['Int']['input'];
  lat: Scalars['Float']['input'];
  lng: Scalars['Float']['input'];
};


export type QueryProductArgs = {
  id: Scalars['ID']['input'];
};


export type QueryTripArgs = {
  id: Scalars['ID']['input'];
};

export type Rider = {
  __typename?: 'Rider';
  id: Scalars['ID']['output'];
};

/** Live screens: the current state first, then each change (src/live). Over WebSocket (graphql-transport-ws) or SSE. */
export type Subscription = {
  __typename?: 'Subscription';
  /** The position of the driver of the signed-in rider's trip while the trip is active (conflated: the latest, never a backlog); completes when the trip ends. */
  driverLocation?: Maybe<DriverPosition>;
  /** One of the signed-in rider's trips as it changes: its current state, then each status change. */
  tripUpdated?: Maybe<Trip>;
};


/** Live screens: the current state first, then each change (src/live). Over WebSocket (graphql-transport-ws) or SSE. */
export type SubscriptionDriverLocationArgs = {
  tripId: Scalars['ID']['input'];
};


/** Live screens: the current state first, then each change (src/live). Over WebSocket (graphql-transport-ws) or SSE. */
export type SubscriptionTripUpdatedArgs = {
  tripId: Scalars['ID']['input'];
};

export type Trip = {
  __typename?: 'Trip';
  id: Scalars['ID']['output'];
};

export type Vehicle = {
  __typename?: 'Vehicle';
  color: Scalars['String']['output'];
  model: Scalars['String']['output'];
  plate: Scalars['String']['output'];
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
  DriverPosition: ResolverTypeWrapper<DriverPosition>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  FallbackKind: FallbackKind;
  LatLng: ResolverTypeWrapper<LatLng>;
  LatLngInput: LatLngInput;
  Mutation: ResolverTypeWrapper<{}>;
  NearbyDriver: ResolverTypeWrapper<NearbyDriverRecord>;
  OwnerRule: OwnerRule;
  Product: ResolverTypeWrapper<EntityRef>;
  Query: ResolverTypeWrapper<{}>;
  Rider: ResolverTypeWrapper<EntityRef>;
  Subscription: ResolverTypeWrapper<{}>;
  Trip: ResolverTypeWrapper<EntityRef>;
  Vehicle: ResolverTypeWrapper<Vehicle>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Driver: EntityRef;
  ID: Scalars['ID']['output'];
  DriverPosition: DriverPosition;
  Float: Scalars['Float']['output'];
  LatLng: LatLng;
  LatLngInput: LatLngInput;
  Mutation: {};
  NearbyDriver: NearbyDriverRecord;
  Product: EntityRef;
  Query: {};
  Rider: EntityRef;
  Subscription: {};
  Trip: EntityRef;
  Vehicle: Vehicle;
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

export type DriverPositionResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['DriverPosition'] = ResolversParentTypes['DriverPosition']> = {
  at?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  heading?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  lat?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  lng?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type LatLngResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['LatLng'] = ResolversParentTypes['LatLng']> = {
  lat?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  lng?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type MutationResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  requestRide?: Resolver<ResolversTypes['Trip'], ParentType, ContextType, RequireFields<MutationRequestRideArgs, 'dropoff' | 'pickup' | 'productId'>>;
};

export type NearbyDriverResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['NearbyDriver'] = ResolversParentTypes['NearbyDriver']> = {
  distanceMeters?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  driver?: Resolver<ResolversTypes['Driver'], ParentType, ContextType>;
  etaSeconds?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  location?: Resolver<ResolversTypes['LatLng'], ParentType, ContextType>;
  vehicle?: Resolver<ResolversTypes['Vehicle'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ProductResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Product'] = ResolversParentTypes['Product']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Product']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type QueryResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  driverPosition?: Resolver<Maybe<ResolversTypes['DriverPosition']>, ParentType, ContextType, RequireFields<QueryDriverPositionArgs, 'tripId'>>;
  me?: Resolver<Maybe<ResolversTypes['Rider']>, ParentType, ContextType>;
  nearbyDrivers?: Resolver<Maybe<Array<ResolversTypes['NearbyDriver']>>, ParentType, ContextType, RequireFields<QueryNearbyDriversArgs, 'first' | 'lat' | 'lng'>>;
  product?: Resolver<Maybe<ResolversTypes['Product']>, ParentType, ContextType, RequireFields<QueryProductArgs, 'id'>>;
  products?: Resolver<Maybe<Array<ResolversTypes['Product']>>, ParentType, ContextType>;
  trip?: Resolver<Maybe<ResolversTypes['Trip']>, ParentType, ContextType, RequireFields<QueryTripArgs, 'id'>>;
};

export type RiderResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Rider'] = ResolversParentTypes['Rider']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Rider']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type SubscriptionResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  driverLocation?: SubscriptionResolver<Maybe<ResolversTypes['DriverPosition']>, "driverLocation", ParentType, ContextType, RequireFields<SubscriptionDriverLocationArgs, 'tripId'>>;
  tripUpdated?: SubscriptionResolver<Maybe<ResolversTypes['Trip']>, "tripUpdated", ParentType, ContextType, RequireFields<SubscriptionTripUpdatedArgs, 'tripId'>>;
};

export type TripResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Trip'] = ResolversParentTypes['Trip']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Trip']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type VehicleResolvers<ContextType = RequestContext, ParentType extends ResolversParentTypes['Vehicle'] = ResolversParentTypes['Vehicle']> = {
  color?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  model?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  plate?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type Resolvers<ContextType = RequestContext> = {
  Driver?: DriverResolvers<ContextType>;
  DriverPosition?: DriverPositionResolvers<ContextType>;
  LatLng?: LatLngResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  NearbyDriver?: NearbyDriverResolvers<ContextType>;
  Product?: ProductResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Rider?: RiderResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  Trip?: TripResolvers<ContextType>;
  Vehicle?: VehicleResolvers<ContextType>;
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

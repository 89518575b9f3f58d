export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
};

export type DriverStatus =
  | 'AVAILABLE'
  | 'OFFLINE'
  | 'ON_TRIP';

export type EarningsPeriod =
  | 'MONTH'
  | 'TODAY'
  | 'WEEK';

export type TripStatus =
  | 'ACCEPTED'
  /** The driver is about to reach the pickup. */
  | 'ARRIVING'
  | 'CANCELLED'
  | 'COMPLETED'
  | 'IN_PROGRESS'
  | 'REQUESTED';

export type AcceptRideMutationVariables = Exact<{
  tripId: Scalars['ID']['input'];
}>;


export type AcceptRideMutation = { __typename?: 'Mutation', acceptRide: { __typename?: 'Trip', id: string, status: TripStatus } };

export type DriverDashboardQueryVariables = Exact<{ [key: string]: never; }>;


export type DriverDashboardQuery = { __typename?: 'Query', me?: { __typename?: 'Driver', id: string, name: string, rating: number, status: DriverStatus, vehicle: { __typename?: 'Vehicle', plate: string, model: string }, earnings?: { __typename?: 'Money', amount: number, currency: string } | null } | null, rideOffers?: Array<{ __typename?: 'Trip', id: string, pickup?: { __typename?: 'LatLng', lat: number, lng: number } | null, rider: { __typename?: 'Rider', name: string, rating: number }, fareEstimate?: { __typename?: 'Money', amount: number, currency: string } | null }> | null };

export type RideOffersSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type RideOffersSubscription = { __typename?: 'Subscription', rideOffers?: { __typename?: 'Trip', id: string, pickup?: { __typename?: 'LatLng', lat: number, lng: number } | null, rider: { __typename?: 'Rider', name: string, rating: number }, fareEstimate?: { __typename?: 'Money', amount: number, currency: string } | null } | null };

export type TripUpdatedSubscriptionVariables = Exact<{
  tripId: Scalars['ID']['input'];
}>;


export type TripUpdatedSubscription = { __typename?: 'Subscription', tripUpdated?: { __typename?: 'Trip', id: string, status: TripStatus, etaSeconds?: number | null, dropoff?: { __typename?: 'LatLng', lat: number, lng: number } | null } | null };

export type UpdateLocationMutationVariables = Exact<{
  lat: Scalars['Float']['input'];
  lng: Scalars['Float']['input'];
}>;


export type UpdateLocationMutation = { __typename?: 'Mutation', updateLocation: boolean };

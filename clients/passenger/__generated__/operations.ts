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

export type LatLngInput = {
  lat: Scalars['Float']['input'];
  lng: Scalars['Float']['input'];
};

export type TripStatus =
  | 'ACCEPTED'
  /** The driver is about to reach the pickup. */
  | 'ARRIVING'
  | 'CANCELLED'
  | 'COMPLETED'
  | 'IN_PROGRESS'
  | 'REQUESTED';

export type DriverLocationSubscriptionVariables = Exact<{
  tripId: Scalars['ID']['input'];
}>;


export type DriverLocationSubscription = { __typename?: 'Subscription', driverLocation?: { __typename?: 'DriverPosition', lat: number, lng: number, heading?: number | null, at?: string | null } | null };

export type PassengerHomeQueryVariables = Exact<{
  lat: Scalars['Float']['input'];
  lng: Scalars['Float']['input'];
}>;


export type PassengerHomeQuery = { __typename?: 'Query', me?: { __typename?: 'Rider', id: string, name: string, rating: number, recentTrips?: Array<{ __typename?: 'Trip', id: string, status: TripStatus, fare?: { __typename?: 'Money', amount: number, currency: string } | null, driver?: { __typename?: 'Driver', id: string, name: string, rating: number, vehicle: { __typename?: 'Vehicle', plate: string, model: string } } | null }> | null, vouchers?: Array<{ __typename?: 'Voucher', code: string, discountPercent: number, validUntil: string, product: { __typename?: 'Product', id: string, name: string } }> | null } | null, nearbyDrivers?: Array<{ __typename?: 'NearbyDriver', id: string, etaSeconds: number, location: { __typename?: 'LatLng', lat: number, lng: number }, vehicle: { __typename?: 'Vehicle', model: string } }> | null, products?: Array<{ __typename?: 'Product', id: string, name: string, price?: { __typename?: 'Price', amount: number, currency: string, stale: boolean } | null }> | null };

export type RequestRideMutationVariables = Exact<{
  productId: Scalars['ID']['input'];
  pickup: LatLngInput;
  dropoff: LatLngInput;
}>;


export type RequestRideMutation = { __typename?: 'Mutation', requestRide: { __typename?: 'Trip', id: string, status: TripStatus, fareEstimate?: { __typename?: 'Money', amount: number, currency: string } | null } };

export type TripLiveSubscriptionVariables = Exact<{
  tripId: Scalars['ID']['input'];
}>;


export type TripLiveSubscription = { __typename?: 'Subscription', tripUpdated?: { __typename?: 'Trip', id: string, status: TripStatus, etaSeconds?: number | null, driver?: { __typename?: 'Driver', name: string, rating: number, vehicle: { __typename?: 'Vehicle', plate: string, model: string, color: string } } | null, fare?: { __typename?: 'Money', amount: number, currency: string } | null } | null };

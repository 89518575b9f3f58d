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

export type TripStatus =
  | 'ACCEPTED'
  /** The driver is about to reach the pickup. */
  | 'ARRIVING'
  | 'CANCELLED'
  | 'COMPLETED'
  | 'IN_PROGRESS'
  | 'REQUESTED';

export type ProductDetailsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ProductDetailsQuery = { __typename?: 'Query', product?: { __typename?: 'Product', id: string, name: string, description: string, price?: { __typename?: 'Price', amount: number, currency: string, stale: boolean } | null, promotion?: { __typename?: 'Promotion', code: string, discountPercent: number, validUntil: string } | null, reviews?: Array<{ __typename?: 'Review', rating: number, text: string, author: { __typename?: 'PublicProfile', name: string } }> | null, recommendations?: Array<{ __typename?: 'Product', id: string, name: string, price?: { __typename?: 'Price', amount: number, currency: string } | null }> | null } | null };

export type ProductsQueryVariables = Exact<{ [key: string]: never; }>;


export type ProductsQuery = { __typename?: 'Query', products?: Array<{ __typename?: 'Product', id: string, name: string, price?: { __typename?: 'Price', amount: number, currency: string, stale: boolean } | null }> | null };

export type TripHistoryQueryVariables = Exact<{
  first: Scalars['Int']['input'];
}>;


export type TripHistoryQuery = { __typename?: 'Query', me?: { __typename?: 'Rider', trips?: Array<{ __typename?: 'Trip', id: string, requestedAt: string, status: TripStatus, fare?: { __typename?: 'Money', amount: number, currency: string } | null, driver?: { __typename?: 'Driver', name: string } | null }> | null } | null };

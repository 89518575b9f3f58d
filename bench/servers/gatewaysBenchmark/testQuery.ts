/**
 * The public gateways benchmark's one query, as its load script (`k6.js` of
 * graphql-hive/graphql-gateways-benchmark, MIT License, Copyright (c) 2023 The Guild) sends it:
 * every user with their reviews, each review's product with its reviews, their authors and those
 * authors' reviews and products; and the top 5 products the same way down. About 88 KB of JSON.
 */
export const gatewaysBenchmarkQuery = `fragment User on User {
  id
  username
  name
}

fragment Review on Review {
  id
  body
}

fragment Product on Product {
  inStock
  name
  price
  shippingEstimate
  upc
  weight
}

query TestQuery {
  users {
    ...User
    reviews {
      ...Review
      product {
        ...Product
        reviews {
          ...Review
          author {
            ...User
            reviews {
              ...Review
              product {
                ...Product
              }
            }
          }
        }
      }
    }
  }
  topProducts {
    ...Product
    reviews {
      ...Review
      author {
        ...User
        reviews {
          ...Review
          product {
            ...Product
          }
        }
      }
    }
  }
}`;

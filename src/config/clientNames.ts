/** The apps the gateway serves, each with its own BFF schema and endpoint `/<client>/graphql`. */
export const clientNames = ['passenger', 'driver', 'web'] as const;

/** One of {@link clientNames}. */
export type ClientName = (typeof clientNames)[number];

/** Type guard for {@link ClientName}. */
export function isClientName(value: string): value is ClientName {
  return (clientNames as readonly string[]).includes(value);
}

import { demoSecrets } from '../../src/config/index.ts';

/**
 * The identity secret every process of a bench run shares (passed to each as IDENTITY_SECRET):
 * the one set in the environment, else the gateway's demo one when it has one, else the bench's
 * own. The gateway (A, P) and B, C and D sign the promotions subgraph's identity tokens with it;
 * the fleet's promotions instances verify them with it.
 */
export const benchIdentitySecret: string =
  process.env.IDENTITY_SECRET ?? (demoSecrets as Readonly<Record<string, string | undefined>>)['identitySecret'] ?? 'bench-only-identity-secret-0123456789abcdef';

/**
 * `npm run --silent token -- <passenger|driver|web> [--sub <id>]`: prints one line, a token valid
 * for 24 h for the client's demo user (or the given subject), signed with the configured secret.
 * `-- plain [--sub <id>]`: a token for plain federation mode's audience (`PLAIN_AUDIENCE` when
 * `SUPERGRAPH_FILE` is set too, as for the gateway; else `ride-bff:plain`).
 */
import { clientNames, defaultPlainAudience, isClientName, loadConfig } from '../config/index.ts';
import { demoUserIds } from './demoUsers.ts';
import { issueAudienceToken, issueToken } from './issueToken.ts';

/** The subject of a plain-mode token without `--sub`. */
const plainDemoSubject = 'plain-demo';

const [client, flag, subject] = process.argv.slice(2);
if (!client || !(isClientName(client) || client === 'plain') || (flag !== undefined && (flag !== '--sub' || !subject))) {
  console.error(`usage: npm run --silent token -- <${[...clientNames, 'plain'].join('|')}> [--sub <riderId|driverId|subject>]`);
  process.exit(2);
}
try {
  const config = loadConfig();
  if (!config.auth.secret) throw new Error('Tokens can only be issued here with JWT_SECRET set (JWKS keys are not ours).');
  const { issuer } = config.auth;
  console.log(
    isClientName(client)
      ? await issueToken(config.auth.secret, { client, subject: subject ?? demoUserIds[client], issuer })
      : await issueAudienceToken(config.auth.secret, { audience: config.plain?.audience ?? defaultPlainAudience, subject: subject ?? plainDemoSubject, issuer }),
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

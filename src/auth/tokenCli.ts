/**
 * `npm run --silent token -- <passenger|driver|web> [--sub <id>]`: prints one line, a token valid
 * for 24 h for the client's demo user (or the given subject), signed with the configured secret.
 */
import { clientNames, isClientName, loadConfig } from '../config/index.ts';
import { demoUserIds } from './demoUsers.ts';
import { issueToken } from './issueToken.ts';

const [client, flag, subject] = process.argv.slice(2);
if (!client || !isClientName(client) || (flag !== undefined && (flag !== '--sub' || !subject))) {
  console.error(`usage: npm run --silent token -- <${clientNames.join('|')}> [--sub <riderId|driverId>]`);
  process.exit(2);
}
try {
  const config = loadConfig();
  if (!config.auth.secret) throw new Error('Tokens can only be issued here with JWT_SECRET set (JWKS keys are not ours).');
  console.log(await issueToken(config.auth.secret, { client, subject: subject ?? demoUserIds[client], issuer: config.auth.issuer }));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

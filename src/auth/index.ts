export { demoUserIds } from './demoUsers.ts';
export { issueToken, type TokenClaims } from './issueToken.ts';
export { tokenAudience } from './tokenAudience.ts';
export { ViewerVerifier } from './ViewerVerifier.ts';

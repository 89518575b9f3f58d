export { clientAudience, type ExpectedAudience } from './ExpectedAudience.ts';
export { demoScopes } from './demoScopes.ts';
export { demoUserIds } from './demoUsers.ts';
export { issueAudienceToken, issueToken, type AudienceTokenClaims, type TokenClaims } from './issueToken.ts';
export { tokenAudience } from './tokenAudience.ts';
export { ViewerVerifier } from './ViewerVerifier.ts';
export { viewerRole, type Viewer, type ViewerRole } from './Viewer.ts';
export { IDENTITY_HEADER, IdentityTokens, type IdentitySubject } from './IdentityTokens.ts';

import { describe, expect, it } from 'vitest';
import { loadConfig } from './loadConfig.ts';

const production = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), REGISTRY_TOKEN: 'y'.repeat(16), IDENTITY_SIGNING_KEY_FILE: '/etc/gateway/identity.pem' };

describe('trusted documents policy', () => {
  it('is required for the mobile apps in production, allowed for the web and everywhere in demo mode', () => {
    expect(loadConfig(production).trustedDocuments).toEqual({ passenger: 'required', driver: 'required', web: 'allowed' });
    expect(loadConfig({}).trustedDocuments).toEqual({ passenger: 'allowed', driver: 'allowed', web: 'allowed' });
  });

  it('TRUSTED_DOCUMENTS_<CLIENT> over TRUSTED_DOCUMENTS over the default', () => {
    expect(loadConfig({ TRUSTED_DOCUMENTS: 'required' }).trustedDocuments).toEqual({ passenger: 'required', driver: 'required', web: 'required' });
    expect(loadConfig({ TRUSTED_DOCUMENTS: 'required', TRUSTED_DOCUMENTS_WEB: 'allowed' }).trustedDocuments.web).toBe('allowed');
    expect(loadConfig({ ...production, TRUSTED_DOCUMENTS_DRIVER: 'allowed' }).trustedDocuments).toEqual({ passenger: 'required', driver: 'allowed', web: 'allowed' });
  });

  it('names a bad value', () => {
    expect(() => loadConfig({ TRUSTED_DOCUMENTS: 'yes' })).toThrow(/TRUSTED_DOCUMENTS="yes"/);
    expect(() => loadConfig({ TRUSTED_DOCUMENTS_PASSENGER: 'on' })).toThrow(/TRUSTED_DOCUMENTS_PASSENGER="on"/);
  });
});

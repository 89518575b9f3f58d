import { describe, expect, it } from 'vitest';
import { configProblem } from './configProblem.ts';
import { loadConfig } from './loadConfig.ts';

/** The message loadConfig throws for `env`. */
function problemsOf(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('loadConfig accepted the configuration');
}

describe('configuration problems', () => {
  it('name the variable, the value given and what is wrong', () => {
    expect(configProblem('PORT', 'eighty', 'must be a number')).toBe('PORT="eighty": must be a number');
    expect(problemsOf({ PORT: 'eighty' })).toMatch(/PORT="eighty": /);
  });

  it('never print a secret, only that it is one and its length', () => {
    const message = problemsOf({ JWT_SECRET: 'short', REGISTRY_TOKEN: 'tiny-token' });
    expect(message).toContain('JWT_SECRET (secret, 5 characters, not shown): must be at least 32 characters');
    expect(message).toContain('REGISTRY_TOKEN (secret, 10 characters, not shown): must be at least 16 characters');
    expect(message).not.toContain('short');
    expect(message).not.toContain('tiny-token');
    for (const name of ['API_KEY', 'SOME_SECRET', 'ACCESS_TOKEN', 'DB_PASSWORD', 'AWS_SECRET_ACCESS_KEY']) {
      expect(configProblem(name, 'hunter2', 'is wrong')).toBe(`${name} (secret, 7 characters, not shown): is wrong`);
    }
    // Limits that merely count tokens or keys are not secrets.
    expect(configProblem('MAX_TOKENS', '-1', 'must be positive')).toBe('MAX_TOKENS="-1": must be positive');
    expect(configProblem('RATE_LIMIT_MAX_LOCAL_KEYS', '0', 'must be positive')).toBe('RATE_LIMIT_MAX_LOCAL_KEYS="0": must be positive');
  });

  it('mask the password inside URLs, keeping the rest', () => {
    expect(configProblem('REDIS_URL', 'redis://:hunter2@cache:notaport', 'must be a URL')).toBe('REDIS_URL="redis://:***@cache:notaport": must be a URL');
    expect(configProblem('ETCD_ENDPOINTS', 'http://me:pw1@a:2379,http://me:pw2@b:2379', 'bad')).toBe('ETCD_ENDPOINTS="http://me:***@a:2379,http://me:***@b:2379": bad');
    expect(configProblem('REGISTRY_URL', 'http://user@host', 'bad')).toBe('REGISTRY_URL="http://user@host": bad');
    const message = problemsOf({ REDIS_URL: 'redis://:hunter2@cache:port', REDIS_CONNECT_TIMEOUT_MS: 'soon' });
    expect(message).not.toContain('hunter2');
  });
});

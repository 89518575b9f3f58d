import { describe, expect, it } from 'vitest';
import { compareSemver, parseAppVersion } from './appVersionName.ts';

describe('app version names', () => {
  it('splits <client>@<semver> and refuses anything else', () => {
    expect(parseAppVersion('passenger@3.2.0')).toEqual({ app: 'passenger', version: '3.2.0' });
    expect(parseAppVersion('driver@1.0.0-beta.2+build.7')).toEqual({ app: 'driver', version: '1.0.0-beta.2+build.7' });
    for (const bad of ['passenger', 'passenger@3.2', 'passenger@v3.2.0', 'passenger@03.2.0', 'nobody@1.0.0', '@1.0.0', 'passenger@1.0.0@2']) expect(parseAppVersion(bad)).toBeUndefined();
  });

  it('orders versions by semver precedence', () => {
    const sorted = ['1.0.0', '1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-beta.11', '1.0.0-beta.2', '1.0.0-rc.1', '0.9.10', '0.9.9', '10.0.0', '2.0.0'].sort(compareSemver);
    expect(sorted).toEqual(['0.9.9', '0.9.10', '1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '2.0.0', '10.0.0']);
    expect(compareSemver('1.0.0+a', '1.0.0+b')).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { credentialIdentity, credentialsFromEnv } from '../../src/bss/credentials.js';

describe('credentialsFromEnv', () => {
  it('reads the SDK variable names, with the security token for temporary keys', () => {
    expect(credentialsFromEnv({ HUAWEICLOUD_SDK_AK: 'AK1', HUAWEICLOUD_SDK_SK: 'SK1', HUAWEICLOUD_SDK_DOMAIN_ID: 'D1' })).toEqual({ ak: 'AK1', sk: 'SK1', domainId: 'D1' });
    expect(
      credentialsFromEnv({ HUAWEICLOUD_SDK_AK: ' AK1 ', HUAWEICLOUD_SDK_SK: 'SK1', HUAWEICLOUD_SDK_DOMAIN_ID: 'D1', HUAWEICLOUD_SDK_SECURITY_TOKEN: 'ST' }),
    ).toEqual({ ak: 'AK1', sk: 'SK1', domainId: 'D1', securityToken: 'ST' });
  });

  it('is undefined when a part is missing or blank', () => {
    expect(credentialsFromEnv({})).toBeUndefined();
    expect(credentialsFromEnv({ HUAWEICLOUD_SDK_AK: 'AK1', HUAWEICLOUD_SDK_SK: ' ', HUAWEICLOUD_SDK_DOMAIN_ID: 'D1' })).toBeUndefined();
    expect(credentialsFromEnv({ HUAWEICLOUD_SDK_AK: 'AK1', HUAWEICLOUD_SDK_SK: 'SK1' })).toBeUndefined();
  });
});

describe('credentialIdentity', () => {
  it('names a credential without its secret', () => {
    expect(credentialIdentity({ ak: 'AK1', sk: 'SK1', domainId: 'D1' })).toBe('ak:AK1');
    expect(credentialIdentity({ token: 'MIIsecret', domainId: 'D1' })).toBe('domain:D1');
    const id = credentialIdentity({ token: 'MIIsecret' });
    expect(id).toMatch(/^token:[0-9a-f]{16}$/);
    expect(id).not.toContain('MIIsecret');
  });
});

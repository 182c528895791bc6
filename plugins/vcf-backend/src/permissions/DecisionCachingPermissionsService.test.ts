import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  AuthorizeResult,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  vcfCredentialExportPermission,
  vcfCredentialReadPermission,
  vcfCredentialRevealPermission,
  vcfEnvironmentReadPermission,
} from '@vcf-backstage/plugin-vcf-common';
import { DecisionCachingPermissionsService } from './DecisionCachingPermissionsService';

const allow: PolicyDecision = { result: AuthorizeResult.ALLOW };
const deny: PolicyDecision = { result: AuthorizeResult.DENY };

function withExpiry(
  credentials: BackstageCredentials,
  expiresAt: string,
): BackstageCredentials {
  return { ...credentials, expiresAt: new Date(expiresAt) };
}

describe('DecisionCachingPermissionsService', () => {
  const alice = withExpiry(
    mockCredentials.user('user:default/alice'),
    '2026-12-02T15:00:00Z',
  );
  const bob = withExpiry(
    mockCredentials.user('user:default/bob'),
    '2026-12-02T15:00:00Z',
  );

  function setup(ttlMs = 2000) {
    let now = 10_000;
    const calls: string[][] = [];
    const policy = new Map<string, PolicyDecision>();
    let failing = false;
    const answer = async (requests: any[]) => {
      calls.push(requests.map(r => r.permission.name));
      if (failing) throw new Error('permission backend unavailable');
      return requests.map(r => policy.get(r.permission.name) ?? allow) as any;
    };
    const backend = {
      authorize: answer,
      authorizeConditional: answer,
    } as PermissionsService;
    const permissions = DecisionCachingPermissionsService.wrap(backend, {
      ttlMs,
      now: () => now,
    });
    return {
      permissions,
      backend,
      calls,
      policy,
      advance: (ms: number) => {
        now += ms;
      },
      fail: (value: boolean) => {
        failing = value;
      },
    };
  }

  it('asks once per user and permission within the TTL, and only for what it does not know', async () => {
    const { permissions, calls } = setup();
    const read = [
      { permission: vcfEnvironmentReadPermission },
      { permission: vcfCredentialReadPermission },
    ];
    expect(
      await permissions.authorizeConditional(read, { credentials: alice }),
    ).toEqual([allow, allow]);
    await permissions.authorizeConditional(read, { credentials: alice });
    await permissions.authorizeConditional(
      [...read, { permission: vcfCredentialExportPermission }],
      { credentials: alice },
    );
    expect(calls).toEqual([
      ['vcf.environment.read', 'vcf.credential.read'],
      ['vcf.credential.export'],
    ]);
  });

  it('shares a round trip in flight among concurrent requests', async () => {
    const { permissions, calls } = setup();
    const read = [{ permission: vcfCredentialReadPermission }];
    await Promise.all(
      Array.from({ length: 5 }, () =>
        permissions.authorizeConditional(read, { credentials: alice }),
      ),
    );
    expect(calls).toEqual([['vcf.credential.read']]);
  });

  it('asks again once the TTL has passed, so a revoked permission lingers at most that long', async () => {
    const { permissions, calls, policy, advance } = setup(2000);
    const read = [{ permission: vcfCredentialReadPermission }];
    expect(
      await permissions.authorizeConditional(read, { credentials: alice }),
    ).toEqual([allow]);
    policy.set('vcf.credential.read', deny);
    advance(1999);
    expect(
      await permissions.authorizeConditional(read, { credentials: alice }),
    ).toEqual([allow]);
    advance(1);
    expect(
      await permissions.authorizeConditional(read, { credentials: alice }),
    ).toEqual([deny]);
    expect(calls).toHaveLength(2);
  });

  it('keeps the decisions of each user, and of each token of a user, apart', async () => {
    const { permissions, calls, policy } = setup();
    const read = [{ permission: vcfCredentialReadPermission }];
    await permissions.authorizeConditional(read, { credentials: alice });
    policy.set('vcf.credential.read', deny);
    expect(
      await permissions.authorizeConditional(read, { credentials: bob }),
    ).toEqual([deny]);
    const aliceSignedInAgain = withExpiry(alice, '2026-12-02T15:10:00Z');
    expect(
      await permissions.authorizeConditional(read, {
        credentials: aliceSignedInAgain,
      }),
    ).toEqual([deny]);
    expect(calls).toHaveLength(3);
  });

  it('does not keep a failed round trip', async () => {
    const { permissions, calls, fail } = setup();
    const read = [{ permission: vcfCredentialReadPermission }];
    fail(true);
    await expect(
      permissions.authorizeConditional(read, { credentials: alice }),
    ).rejects.toThrow('permission backend unavailable');
    fail(false);
    expect(
      await permissions.authorizeConditional(read, { credentials: alice }),
    ).toEqual([allow]);
    expect(calls).toHaveLength(2);
  });

  it('always asks for decisions about one resource, and for callers that are not users', async () => {
    const { permissions, calls } = setup();
    for (let i = 0; i < 2; i++) {
      await permissions.authorize(
        [{ permission: vcfCredentialRevealPermission, resourceRef: 'c1' }],
        { credentials: alice },
      );
      await permissions.authorizeConditional(
        [{ permission: vcfCredentialReadPermission }],
        { credentials: mockCredentials.service('plugin:catalog') },
      );
    }
    expect(calls).toHaveLength(4);
  });

  it('is the service itself when the TTL is 0', () => {
    const { backend } = setup();
    expect(DecisionCachingPermissionsService.wrap(backend, { ttlMs: 0 })).toBe(
      backend,
    );
  });

  it('reads its TTL from vcf.permissions.decisionCacheSeconds and refuses a long one', async () => {
    const { backend, calls } = setup();
    const read = [{ permission: vcfCredentialReadPermission }];
    const off = DecisionCachingPermissionsService.fromConfig(
      new ConfigReader({ vcf: { permissions: { decisionCacheSeconds: 0 } } }),
      backend,
    );
    expect(off).toBe(backend);
    const byDefault = DecisionCachingPermissionsService.fromConfig(
      new ConfigReader({}),
      backend,
    );
    await byDefault.authorizeConditional(read, { credentials: alice });
    await byDefault.authorizeConditional(read, { credentials: alice });
    expect(calls).toHaveLength(1);
    expect(() =>
      DecisionCachingPermissionsService.fromConfig(
        new ConfigReader({
          vcf: { permissions: { decisionCacheSeconds: 3600 } },
        }),
        backend,
      ),
    ).toThrow('between 0 and 60');
  });
});

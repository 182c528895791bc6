import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  vcfAuditReadPermission,
  vcfCredentialExportPermission,
  vcfCredentialReadPermission,
  vcfCredentialRevealPermission,
  vcfCredentialRotatePermission,
  vcfEnvironmentCreatePermission,
  vcfSyncTriggerPermission,
} from '@vcf-backstage/plugin-vcf-common';
import { VcfPermissionPolicy, VCF_ADMINS_GROUP } from './VcfPermissionPolicy';

function user(...ownershipEntityRefs: string[]) {
  return {
    identity: {
      type: 'user' as const,
      userEntityRef: ownershipEntityRefs[0],
      ownershipEntityRefs,
    },
    info: { userEntityRef: ownershipEntityRefs[0], ownershipEntityRefs },
    token: 'token',
    credentials: {} as any,
  } as any;
}

describe('VcfPermissionPolicy', () => {
  const policy = new VcfPermissionPolicy();

  it('lets VCF admins do everything', async () => {
    const admin = user('user:default/guest', VCF_ADMINS_GROUP);
    for (const permission of [
      vcfCredentialRevealPermission,
      vcfAuditReadPermission,
      vcfEnvironmentCreatePermission,
    ]) {
      expect(await policy.handle({ permission }, admin)).toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
  });

  it("lets an environment's owners reveal and export only that environment's passwords", async () => {
    const member = user('user:default/east-ops', 'group:default/platform-east');
    const decision = await policy.handle(
      { permission: vcfCredentialRevealPermission },
      member,
    );
    expect(decision).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      resourceType: 'vcf-credential',
      conditions: {
        rule: 'IS_ENVIRONMENT_OWNED_BY',
        params: {
          claims: ['user:default/east-ops', 'group:default/platform-east'],
        },
      },
    });
    expect(
      (
        await policy.handle(
          { permission: vcfCredentialExportPermission },
          member,
        )
      ).result,
    ).toBe(AuthorizeResult.CONDITIONAL);
    expect(
      (await policy.handle({ permission: vcfSyncTriggerPermission }, member))
        .result,
    ).toBe(AuthorizeResult.CONDITIONAL);
  });

  it("lets an environment's owners and VCF admins rotate its credentials, never anyone else", async () => {
    const member = user('user:default/east-ops', 'group:default/platform-east');
    expect(
      await policy.handle(
        { permission: vcfCredentialRotatePermission },
        member,
      ),
    ).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      resourceType: 'vcf-credential',
      conditions: {
        rule: 'IS_ENVIRONMENT_OWNED_BY',
        params: {
          claims: ['user:default/east-ops', 'group:default/platform-east'],
        },
      },
    });
    const admin = user('user:default/guest', VCF_ADMINS_GROUP);
    expect(
      await policy.handle({ permission: vcfCredentialRotatePermission }, admin),
    ).toEqual({ result: AuthorizeResult.ALLOW });
    // The viewer owns no environment: the ownership condition matches none of its credentials.
    const viewer = user('user:default/viewer', 'group:default/developers');
    expect(
      await policy.handle(
        { permission: vcfCredentialRotatePermission },
        viewer,
      ),
    ).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      conditions: {
        params: { claims: ['user:default/viewer', 'group:default/developers'] },
      },
    });
  });

  it('shows everyone else metadata only', async () => {
    const viewer = user('user:default/viewer', 'group:default/developers');
    expect(
      (await policy.handle({ permission: vcfCredentialReadPermission }, viewer))
        .result,
    ).toBe(AuthorizeResult.ALLOW);
    expect(
      (await policy.handle({ permission: vcfAuditReadPermission }, viewer))
        .result,
    ).toBe(AuthorizeResult.DENY);
    expect(
      (
        await policy.handle(
          { permission: vcfEnvironmentCreatePermission },
          viewer,
        )
      ).result,
    ).toBe(AuthorizeResult.DENY);
    // Conditional on ownership: the viewer owns no environment, so the condition matches nothing.
    expect(
      (
        await policy.handle(
          { permission: vcfCredentialRevealPermission },
          viewer,
        )
      ).result,
    ).toBe(AuthorizeResult.CONDITIONAL);
  });

  it('leaves other plugins alone', async () => {
    const viewer = user('user:default/viewer');
    const decision = await policy.handle(
      {
        permission: {
          type: 'basic',
          name: 'catalog.entity.create',
          attributes: { action: 'create' },
        },
      },
      viewer,
    );
    expect(decision.result).toBe(AuthorizeResult.ALLOW);
  });
});

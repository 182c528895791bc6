import {
  credentialTargetId,
  inventoryTargetId,
  parseCredentialTargetId,
} from './syncTargetIds';

describe('sync target ids', () => {
  it('reads back the environment and source of a credential target id', () => {
    expect(
      parseCredentialTargetId(credentialTargetId('vcf.east_1', 'installer')),
    ).toEqual({
      environmentId: 'vcf.east_1',
      source: 'installer',
    });
    expect(
      parseCredentialTargetId(credentialTargetId('east', 'sddc-manager')),
    ).toEqual({
      environmentId: 'east',
      source: 'sddc-manager',
    });
  });

  it('does not read other ids as credential targets', () => {
    expect(parseCredentialTargetId(inventoryTargetId('vc-1'))).toBeUndefined();
    expect(parseCredentialTargetId('credentials:east:vcenter')).toBeUndefined();
    expect(parseCredentialTargetId('credentials:east')).toBeUndefined();
  });
});

import { isValidVcfId, VCF_ID_PATTERN } from './ids';

describe('isValidVcfId', () => {
  it.each(['vcf-east', 'vcenter_01', 'VC01.east', 'a', 'x'.repeat(100)])(
    'accepts %s',
    id => expect(isValidVcfId(id)).toBe(true),
  );

  it.each(['', '-east', '.hidden', 'lab 1', 'a/b', 'a:b', 'x'.repeat(101)])(
    'rejects %j',
    id => expect(isValidVcfId(id)).toBe(false),
  );

  it('is anchored, so an id cannot smuggle a path or a sync-target separator', () => {
    expect(VCF_ID_PATTERN.test('ok\n../etc')).toBe(false);
  });
});

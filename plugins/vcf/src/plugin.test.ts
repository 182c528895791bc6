import { vcfPlugin } from './plugin';

describe('the legacy plugin', () => {
  it('is the vcf plugin with its API and root route', () => {
    expect(vcfPlugin.getId()).toBe('vcf');
    expect([...vcfPlugin.getApis()].map(factory => factory.api.id)).toEqual([
      'plugin.vcf.api',
    ]);
    expect(vcfPlugin.routes.root).toBeDefined();
  });
});

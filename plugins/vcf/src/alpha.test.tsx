import type { Entity } from '@backstage/catalog-model';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { screen } from '@testing-library/react';
import vcfPlugin, {
  isVcfEntityContentAvailable,
  isVcfEnvironmentAvailable,
  isVcfEnvironmentCardAvailable,
  isVsphereResourceAvailable,
  vcfEntityContent,
  vcfEnvironmentEntityCard,
  vcfPage,
  vsphereResourcesEntityCard,
} from './alpha';
import { vcfApiRef } from './api';
import { allow, mockVcfApi } from './__testUtils__';

function entity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'estate', annotations },
  };
}

const withEnvironment = entity({ 'vcf-backstage.io/environment': 'lab' });
const withVms = entity({ 'vcf-backstage.io/vsphere-vms': 'web-01' });
const withHosts = entity({ 'vcf-backstage.io/vsphere-hosts': 'esx01' });
const plain = entity({});

describe('the new frontend system plugin', () => {
  it('is the vcf plugin', () => {
    expect(vcfPlugin.pluginId).toBe('vcf');
  });

  it('mounts the page at /vcf with a navigation title', () => {
    const tester = createExtensionTester(vcfPage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/vcf');
    expect(tester.get(coreExtensionData.title)).toBe('VCF');
  });

  it('offers the VCF tab only on entities that name an environment', () => {
    const tester = createExtensionTester(vcfEntityContent);
    expect(tester.get(coreExtensionData.routePath)).toBe('vcf');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('VCF');
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(filter(withEnvironment)).toBe(true);
    expect(filter(plain)).toBe(false);
  });

  it('shows the cards only on entities with their annotations', () => {
    const environmentCard = createExtensionTester(vcfEnvironmentEntityCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    )!;
    const vsphereCard = createExtensionTester(vsphereResourcesEntityCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    )!;
    expect(environmentCard(withEnvironment)).toBe(true);
    expect(environmentCard(withVms)).toBe(false);
    expect(vsphereCard(withVms)).toBe(true);
    expect(vsphereCard(withHosts)).toBe(true);
    expect(vsphereCard(withEnvironment)).toBe(false);
  });

  it('renders the VCF page in an app', async () => {
    renderTestApp({
      features: [vcfPlugin],
      initialRouteEntries: ['/vcf'],
      apis: [
        [vcfApiRef, mockVcfApi()],
        mockApis.permission({ authorize: allow }),
      ],
    });

    expect(
      await screen.findByText('No VCF environment yet'),
    ).toBeInTheDocument();
  });
});

describe('availability helpers', () => {
  it('look at the annotations', () => {
    expect(isVcfEnvironmentAvailable(withEnvironment)).toBe(true);
    expect(
      isVcfEnvironmentAvailable(
        entity({ 'vcf-backstage.io/environment': ' ' }),
      ),
    ).toBe(false);
    expect(isVsphereResourceAvailable(withHosts)).toBe(true);
    expect(isVsphereResourceAvailable(plain)).toBe(false);
  });

  it('put the environment card on environments and annotated entities only, and the VCF tab on vCenters, clusters and hosts too', () => {
    const provided = (type: string, annotations: Record<string, string>) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: type,
        namespace: 'vcf',
        annotations: { 'vcf-backstage.io/environment': 'lab', ...annotations },
      },
      spec: { type, owner: 'x' },
    });
    const vc = { 'vcf-backstage.io/vcenter': 'vc01' };
    const cases = [
      [withEnvironment, true, true],
      [provided('vcf-environment', {}), true, true],
      [provided('vcenter', vc), false, true],
      [
        provided('vsphere-cluster', {
          ...vc,
          'vcf-backstage.io/vsphere-cluster': 'vc01/c1',
        }),
        false,
        true,
      ],
      [
        provided('esxi-host', {
          ...vc,
          'vcf-backstage.io/vsphere-hosts': 'vc01/h1',
        }),
        false,
        true,
      ],
      [provided('vsphere-datastore', vc), false, false],
      [plain, false, false],
    ] as const;
    for (const [subject, card, tab] of cases) {
      expect({
        name: subject.metadata.name,
        card: isVcfEnvironmentCardAvailable(subject),
        tab: isVcfEntityContentAvailable(subject),
      }).toEqual({ name: subject.metadata.name, card, tab });
    }
  });
});

import {
  FieldFormatEntityPolicy,
  resourceEntityV1alpha1Validator,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { VcfEntityBuilder } from './VcfEntityBuilder';
import { VcfPartOfProcessor } from './VcfPartOfProcessor';
import { toEntityName } from './entityNames';
import {
  getVcfEntityScope,
  type VcfCatalogSnapshot,
} from '@vcf-backstage/plugin-vcf-common';
import { VcfEnvironmentLinkProcessor } from './VcfEnvironmentLinkProcessor';

const snapshot: VcfCatalogSnapshot = {
  environments: [
    { id: 'vcf-east', title: 'VCF East', owner: 'group:default/platform-east' },
  ],
  vcenters: [
    {
      id: 'vc-east',
      title: 'vCenter East',
      baseUrl: 'https://vc.east.test',
      environmentId: 'vcf-east',
      owner: 'group:default/platform-east',
    },
    { id: 'vc-lab', title: 'vCenter Lab', baseUrl: 'https://vc.lab.test' },
  ],
  clusters: [
    {
      id: 'vc-east:domain-c7',
      vcenterId: 'vc-east',
      moref: 'domain-c7',
      name: 'DC0_C0',
      environmentId: 'vcf-east',
      owner: 'group:default/platform-east',
    },
  ],
  hosts: [
    {
      id: 'vc-east:host-21',
      vcenterId: 'vc-east',
      moref: 'host-21',
      name: 'DC0_C0_H0',
      cluster: 'DC0_C0',
      environmentId: 'vcf-east',
      owner: 'group:default/platform-east',
    },
    {
      id: 'vc-lab:host-9',
      vcenterId: 'vc-lab',
      moref: 'host-9',
      name: 'esxi-lab',
    },
  ],
  datastores: [
    {
      id: 'vc-east:/tmp/govcsim-DC0-LocalDS_0@folder-5',
      vcenterId: 'vc-east',
      moref: '/tmp/govcsim-DC0-LocalDS_0@folder-5',
      name: 'LocalDS_0',
      hosts: ['DC0_C0_H0'],
      environmentId: 'vcf-east',
      owner: 'group:default/platform-east',
    },
  ],
  vms: [
    {
      id: 'vc-east:vm-42',
      vcenterId: 'vc-east',
      moref: 'vm-42',
      name: 'DC0_C0_H0_VM0',
      host: 'DC0_C0_H0',
    },
  ],
};

const byTitle = (entities: Entity[], title: string) =>
  entities.find(e => e.metadata.title === title)!;
const refOf = (entity: Entity) => stringifyEntityRef(entity);

describe('VcfEntityBuilder', () => {
  const entities = new VcfEntityBuilder({
    defaultOwner: 'group:default/vcf-admins',
    appBaseUrl: 'http://localhost:3000/',
  }).build(snapshot);

  it('emits a valid Resource per environment, vCenter, cluster, host and datastore', async () => {
    expect(entities.map(e => `${e.spec?.type}:${e.metadata.title}`)).toEqual([
      'vcf-environment:VCF East',
      'vcenter:vCenter East',
      'vcenter:vCenter Lab',
      'vsphere-cluster:DC0_C0',
      'esxi-host:DC0_C0_H0',
      'esxi-host:esxi-lab',
      'vsphere-datastore:LocalDS_0',
      'vsphere-vm:DC0_C0_H0_VM0',
    ]);
    const fieldFormat = new FieldFormatEntityPolicy();
    for (const entity of entities) {
      expect(await resourceEntityV1alpha1Validator.check(entity)).toBe(true);
      await expect(fieldFormat.enforce(entity)).resolves.toBe(entity);
      expect(entity.metadata.namespace).toBe('vcf');
      expect(
        entity.metadata.annotations?.['backstage.io/managed-by-location'],
      ).toBe('url:vcf://catalog-snapshot');
    }
    expect(new Set(entities.map(refOf)).size).toBe(entities.length);
    expect(JSON.stringify(entities)).not.toMatch(/password|username/i);
  });

  it('makes names unique per vCenter, valid even for path-like morefs, with the display name as title', () => {
    const datastore = byTitle(entities, 'LocalDS_0');
    expect(datastore.metadata.name).toMatch(
      /^[A-Za-z0-9][A-Za-z0-9\-_.]{0,61}[A-Za-z0-9]$/,
    );
    expect(byTitle(entities, 'DC0_C0_H0').metadata.name).toBe(
      'vc-east-host-21',
    );
    expect(toEntityName('vc-a', 'host-1')).not.toBe(
      toEntityName('vc-b', 'host-1'),
    );
    expect(toEntityName('x', 'a/b')).not.toBe(toEntityName('x', 'a:b'));
    expect(toEntityName('a'.repeat(200)).length).toBeLessThanOrEqual(63);
  });

  it('links host → cluster → vCenter → environment, and hosts to the datastores they mount', () => {
    const partOf = (title: string) =>
      byTitle(entities, title).metadata.annotations?.[
        'vcf-backstage.io/part-of'
      ];
    expect(partOf('DC0_C0_H0')).toBe(refOf(byTitle(entities, 'DC0_C0')));
    expect(partOf('DC0_C0')).toBe(refOf(byTitle(entities, 'vCenter East')));
    expect(partOf('vCenter East')).toBe(refOf(byTitle(entities, 'VCF East')));
    expect(partOf('esxi-lab')).toBe(refOf(byTitle(entities, 'vCenter Lab')));
    expect(partOf('vCenter Lab')).toBeUndefined();
    expect(byTitle(entities, 'vCenter East').metadata.links).toEqual([
      { url: 'https://vc.east.test/ui', title: 'vSphere Client' },
    ]);
    expect(byTitle(entities, 'VCF East').metadata.links).toEqual([
      {
        url: 'http://localhost:3000/vcf/environments/vcf-east',
        title: 'Credentials and inventory',
      },
    ]);
    expect(byTitle(entities, 'DC0_C0_H0').spec?.dependsOn).toEqual([
      refOf(byTitle(entities, 'LocalDS_0')),
    ]);
    expect(byTitle(entities, 'DC0_C0_H0_VM0').spec?.dependsOn).toEqual([
      refOf(byTitle(entities, 'DC0_C0_H0')),
    ]);
    expect(
      byTitle(entities, 'DC0_C0_H0_VM0').metadata.annotations?.[
        'vcf-backstage.io/vsphere-vms'
      ],
    ).toBe('vc-east/DC0_C0_H0_VM0');
  });

  it("takes owners from the vCenter or environment, else the default, and annotates what the plugin's cards read", () => {
    expect(byTitle(entities, 'DC0_C0_H0').spec?.owner).toBe(
      'group:default/platform-east',
    );
    expect(byTitle(entities, 'esxi-lab').spec?.owner).toBe(
      'group:default/vcf-admins',
    );
    expect(byTitle(entities, 'DC0_C0_H0').metadata.annotations).toMatchObject({
      'vcf-backstage.io/environment': 'vcf-east',
      'vcf-backstage.io/vcenter': 'vc-east',
      'vcf-backstage.io/vsphere-hosts': 'vc-east/DC0_C0_H0',
    });
  });
});

describe('the scope the frontend reads from each emitted entity', () => {
  const built = new VcfEntityBuilder({
    defaultOwner: 'group:default/x',
    appBaseUrl: 'http://localhost:3000',
  }).build(snapshot);

  it('tells environments, vCenters, clusters and hosts apart, and gives datastores and VMs no scope of their own', () => {
    expect(getVcfEntityScope(byTitle(built, 'VCF East'))).toEqual({
      kind: 'environment',
      environmentId: 'vcf-east',
    });
    expect(getVcfEntityScope(byTitle(built, 'vCenter East'))).toEqual({
      kind: 'vcenter',
      vcenterId: 'vc-east',
      environmentId: 'vcf-east',
    });
    expect(getVcfEntityScope(byTitle(built, 'DC0_C0'))).toEqual({
      kind: 'cluster',
      vcenterId: 'vc-east',
      name: 'DC0_C0',
      environmentId: 'vcf-east',
    });
    expect(getVcfEntityScope(byTitle(built, 'DC0_C0_H0'))).toEqual({
      kind: 'host',
      vcenterId: 'vc-east',
      name: 'DC0_C0_H0',
      environmentId: 'vcf-east',
    });
    expect(getVcfEntityScope(byTitle(built, 'esxi-lab'))).toEqual({
      kind: 'host',
      vcenterId: 'vc-lab',
      name: 'esxi-lab',
      environmentId: undefined,
    });
    expect(getVcfEntityScope(byTitle(built, 'LocalDS_0'))).toEqual({
      kind: 'other',
    });
  });
});

describe('VcfEnvironmentLinkProcessor', () => {
  const relations = async (entity: Entity) => {
    const emit = jest.fn();
    await new VcfEnvironmentLinkProcessor().postProcessEntity(
      entity,
      {} as any,
      emit,
    );
    return emit.mock.calls.map(
      ([r]) =>
        `${stringifyEntityRef(r.relation.source)} ${
          r.relation.type
        } ${stringifyEntityRef(r.relation.target)}`,
    );
  };

  it("links a user's annotated entity to the provider's environment entity", async () => {
    const component: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'payments-api',
        namespace: 'default',
        annotations: { 'vcf-backstage.io/environment': 'vcf-east' },
      },
      spec: { type: 'service', lifecycle: 'production', owner: 'x' },
    };
    expect(await relations(component)).toEqual([
      'component:default/payments-api dependsOn resource:vcf/vcf-east',
      'resource:vcf/vcf-east dependencyOf component:default/payments-api',
    ]);
    // The name the provider gives the environment entity, whatever the id.
    expect(
      (
        await relations({
          ...component,
          metadata: {
            ...component.metadata,
            annotations: { 'vcf-backstage.io/environment': 'East_DC' },
          },
        })
      )[0],
    ).toBe(
      `component:default/payments-api dependsOn ${stringifyEntityRef({
        kind: 'Resource',
        namespace: 'vcf',
        name: toEntityName('East_DC'),
      })}`,
    );
  });

  it("leaves the provider's own entities and entities without the annotation alone", async () => {
    const built = new VcfEntityBuilder({
      defaultOwner: 'group:default/x',
      appBaseUrl: 'http://localhost:3000',
    }).build(snapshot);
    for (const entity of built) expect(await relations(entity)).toEqual([]);
    expect(
      await relations({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'other' },
        spec: {},
      }),
    ).toEqual([]);
  });
});

describe('VcfPartOfProcessor', () => {
  it('emits partOf and hasPart for the part-of annotation', async () => {
    const [, , , , host] = new VcfEntityBuilder({
      defaultOwner: 'group:default/x',
      appBaseUrl: 'http://localhost:3000',
    }).build(snapshot);
    const emit = jest.fn();
    await new VcfPartOfProcessor().postProcessEntity(host, {} as any, emit);
    expect(
      emit.mock.calls.map(
        ([r]) =>
          `${r.relation.type} ${r.relation.source.name} → ${r.relation.target.name}`,
      ),
    ).toEqual([
      'partOf vc-east-host-21 → vc-east-domain-c7',
      'hasPart vc-east-domain-c7 → vc-east-host-21',
    ]);
  });
});

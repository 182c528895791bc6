import type { Entity } from '@backstage/catalog-model';
import { mockApis } from '@backstage/frontend-test-utils';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, within } from '@testing-library/react';
import type {
  HostDetail,
  InventoryChange,
  VmDetail,
} from '@vcf-backstage/plugin-vcf-common';
import { vcfApiRef } from '../../api';
import {
  alarm,
  allow,
  host,
  mockVcfApi,
  renderVcfPage,
  vcenter,
  vm,
} from '../../__testUtils__';

const INSTANCE_UUID = '6f1b2c3d-8e9f-4a0b-9c1d-2e3f4a5b6c7d';

const vcenterInfo = {
  id: 'vc01',
  title: 'vCenter 01',
  baseUrl: 'https://vc01.lab.example.com',
  instanceUuid: INSTANCE_UUID,
};

/** A catalog Resource as the VCF catalog module emits it for a VM or host. */
function resource(name: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name, namespace: 'vcf', title: name, annotations },
    spec: { type: 'vsphere-vm', owner: 'group:default/platform' },
  };
}

/** The catalog: web-01's and esx01's Resources, and a VM of a similar name that must not be linked. */
const catalog = catalogApiMock({
  entities: [
    resource('vc01-web-01', { 'vcf-backstage.io/vsphere-vms': 'vc01/web-01' }),
    resource('vc01-web-010', {
      'vcf-backstage.io/vsphere-vms': 'vc01/web-010',
    }),
    resource('vc02-web-01', { 'vcf-backstage.io/vsphere-vms': 'vc02/web-01' }),
    resource('vc01-esx01', {
      'vcf-backstage.io/vsphere-hosts': 'vc01/esx01.lab.example.com',
    }),
  ],
});

/** The summary table's value cell of a field. */
function summaryValue(field: RegExp) {
  return screen.getByText(field).closest('tr')!;
}

/** The summary's field label, as written. */
const CATALOG_FIELD = /^Catalog entity$/;

const change = (overrides: Partial<InventoryChange>): InventoryChange => ({
  id: 1,
  vcenterId: 'vc01',
  kind: 'vms',
  objectId: 'vc01:vm-1',
  objectName: 'web-01',
  change: 'changed',
  field: 'powerState',
  before: 'poweredOff',
  after: 'poweredOn',
  at: '2026-12-01T10:00:00.000Z',
  ...overrides,
});

function vmDetail(): VmDetail {
  return {
    kind: 'vms',
    row: vm({
      hardwareVersion: 'vmx-19',
      toolsStatus: 'guestToolsCurrent',
      folder: '/Production',
    }),
    disks: [
      {
        id: 'vc01:vm-1/disk-2000',
        vcenterId: 'vc01',
        moref: 'vm-1/disk-2000',
        name: 'Hard disk 1',
        vmMoref: 'vm-1',
        vm: 'web-01',
        label: 'Hard disk 1',
        capacityBytes: 40 * 1024 ** 3,
        datastore: 'vsan-ds',
        provisioning: 'thin',
        file: '[vsan-ds] web-01/web-01.vmdk',
      },
    ],
    nics: [
      {
        id: 'vc01:vm-1/nic-4000',
        vcenterId: 'vc01',
        moref: 'vm-1/nic-4000',
        name: 'Network adapter 1',
        vmMoref: 'vm-1',
        vm: 'web-01',
        label: 'Network adapter 1',
        adapterType: 'vmxnet3',
        network: 'pg-prod',
        switchName: 'dvs-1',
        uplinks: ['vmnic0', 'vmnic1'],
        macAddress: '00:50:56:00:00:01',
        connected: true,
        ipAddresses: ['10.0.1.5'],
      },
    ],
    snapshots: [],
    alarms: [alarm({ entityName: 'web-01' })],
    tasks: [
      {
        id: 'vc01:task-1',
        vcenterId: 'vc01',
        moref: 'task-1',
        name: 'VirtualMachine.powerOn',
        entityName: 'web-01',
        state: 'success',
      },
    ],
    events: [],
    changes: [change({})],
    vcenter: vcenterInfo,
  };
}

function hostDetail(): HostDetail {
  return {
    kind: 'hosts',
    row: host({ serialNumber: 'SN123', cpuModel: 'Xeon Gold' }),
    nics: [
      {
        id: 'vc01:host-1/vmnic0',
        vcenterId: 'vc01',
        moref: 'host-1/vmnic0',
        name: 'vmnic0',
        hostMoref: 'host-1',
        host: 'esx01.lab.example.com',
        device: 'vmnic0',
        speedMb: 25000,
        switchName: 'dvs-1',
      },
    ],
    vmkernelAdapters: [
      {
        id: 'vc01:host-1/vmk0',
        vcenterId: 'vc01',
        moref: 'host-1/vmk0',
        name: 'vmk0',
        hostMoref: 'host-1',
        host: 'esx01.lab.example.com',
        device: 'vmk0',
        ipAddress: '192.168.10.11',
        portgroup: 'Management Network',
        services: ['management', 'vmotion'],
      },
    ],
    alarms: [],
    tasks: [],
    events: [],
    changes: [
      change({
        kind: 'hosts',
        objectId: 'vc01:host-1',
        field: 'inMaintenanceMode',
        before: 'false',
        after: 'true',
      }),
    ],
    vcenter: vcenterInfo,
  };
}

const permissions = mockApis.permission({ authorize: allow });

/** Renders the detail page of `id` with the VCF API answering `detail` (or failing with it, when an error). */
function renderDetail(
  kind: 'vms' | 'hosts',
  id: string,
  detail: VmDetail | HostDetail | Error,
) {
  const api = mockVcfApi();
  api.listVcenters.mockResolvedValue([vcenter()]);
  if (detail instanceof Error) api.getInventoryDetail.mockRejectedValue(detail);
  else api.getInventoryDetail.mockResolvedValue(detail);
  renderVcfPage(`/vcf/inventory/${kind}/${encodeURIComponent(id)}`, [
    [vcfApiRef, api],
    permissions,
    catalog,
  ]);
  return api;
}

describe('InventoryDetailPage', () => {
  it("shows a VM's summary, disks, NIC path, alarms, tasks by name, its changes and a vSphere Client link", async () => {
    const api = renderDetail('vms', 'vc01:vm-1', vmDetail());

    expect(
      await screen.findByText('Virtual machine in vCenter 01'),
    ).toBeInTheDocument();
    expect(api.getInventoryDetail).toHaveBeenCalledWith('vms', 'vc01:vm-1');
    expect(screen.getByText('vmx-19')).toBeInTheDocument();
    expect(
      screen.getByText('[vsan-ds] web-01/web-01.vmdk'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('pg-prod → dvs-1 → vmnic0, vmnic1'),
    ).toBeInTheDocument();
    expect(screen.getAllByText('web-01').length).toBeGreaterThan(0);
    expect(screen.getByText('poweredOff → poweredOn')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /Open in vSphere Client/ }),
    ).toHaveAttribute(
      'href',
      `https://vc01.lab.example.com/ui/app/vm;nav=h/urn:vmomi:VirtualMachine:vm-1:${INSTANCE_UUID}/summary`,
    );
    // Every section has its own table, with its rows.
    for (const title of [
      'Alarms',
      'Disks',
      'Network adapters',
      'Snapshots',
      'Recent tasks',
      'Events',
      'Change history',
    ]) {
      expect(screen.getByRole('heading', { name: title })).toBeInTheDocument();
    }
    expect(screen.getByText('vmxnet3')).toBeInTheDocument();
    expect(screen.getByText('VirtualMachine.powerOn')).toBeInTheDocument();
  });

  it("links the VM's catalog Resource, found by its vcenterId/name annotation, and no other", async () => {
    renderDetail('vms', 'vc01:vm-1', vmDetail());

    const link = await within(
      await screen.findByText(CATALOG_FIELD).then(c => c.closest('tr')!),
    ).findByRole('link');
    expect(link).toHaveTextContent('vc01-web-01');
    expect(link.getAttribute('href')).toContain('/resource/vc01-web-01');
    expect(
      within(summaryValue(CATALOG_FIELD)).getAllByRole('link'),
    ).toHaveLength(1);
  });

  it('says "–" when the catalog has no entity for the VM', async () => {
    renderDetail('vms', 'vc01:vm-7', {
      ...vmDetail(),
      row: vm({ name: 'db-07', id: 'vc01:vm-7', moref: 'vm-7' }),
    });

    expect(await screen.findByText(CATALOG_FIELD)).toBeInTheDocument();
    expect(
      await within(summaryValue(CATALOG_FIELD)).findByText('–'),
    ).toBeInTheDocument();
    expect(
      within(summaryValue(CATALOG_FIELD)).queryByRole('link'),
    ).not.toBeInTheDocument();
  });

  it("shows a host's hardware, physical NICs, VMkernel services and maintenance history", async () => {
    const api = renderDetail('hosts', 'vc01:host-1', hostDetail());

    expect(
      await screen.findByText('ESXi host in vCenter 01'),
    ).toBeInTheDocument();
    expect(api.getInventoryDetail).toHaveBeenCalledWith('hosts', 'vc01:host-1');
    expect(screen.getByText('SN123')).toBeInTheDocument();
    expect(screen.getByText('vCPU per core')).toBeInTheDocument();
    expect(screen.getByText('25000 Mb/s')).toBeInTheDocument();
    expect(screen.getByText('management, vmotion')).toBeInTheDocument();
    expect(screen.getByText('false → true')).toBeInTheDocument();
    expect(screen.getByText('192.168.10.11')).toBeInTheDocument();
    expect(screen.getByText('Management Network')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /Open in vSphere Client/ }),
    ).toHaveAttribute(
      'href',
      `https://vc01.lab.example.com/ui/app/host;nav=h/urn:vmomi:HostSystem:host-1:${INSTANCE_UUID}/summary`,
    );
    expect(
      await within(summaryValue(CATALOG_FIELD)).findByRole('link'),
    ).toHaveTextContent('vc01-esx01');
  });

  it('says so when the object is not in the inventory', async () => {
    renderDetail(
      'vms',
      'vc01:vm-9',
      new Error('No VM "vm-9" in vCenter "vc01"'),
    );
    expect((await screen.findAllByText(/No VM "vm-9"/)).length).toBeGreaterThan(
      0,
    );
  });
});

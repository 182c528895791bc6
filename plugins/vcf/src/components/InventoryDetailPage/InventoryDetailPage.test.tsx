import { mockApis } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
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

const vcenterInfo = {
  id: 'vc01',
  title: 'vCenter 01',
  baseUrl: 'https://vc01.lab.example.com',
};

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

describe('InventoryDetailPage', () => {
  it("shows a VM's summary, disks, NIC path, alarms, tasks by name, its changes and a vSphere Client link", async () => {
    const api = mockVcfApi();
    api.listVcenters.mockResolvedValue([vcenter()]);
    api.getInventoryDetail.mockResolvedValue(vmDetail());
    renderVcfPage(`/vcf/inventory/vms/${encodeURIComponent('vc01:vm-1')}`, [
      [vcfApiRef, api],
      permissions,
    ]);

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
      'https://vc01.lab.example.com/ui/app/search?query=web-01',
    );
  });

  it("shows a host's hardware, physical NICs, VMkernel services and maintenance history", async () => {
    const api = mockVcfApi();
    api.listVcenters.mockResolvedValue([vcenter()]);
    api.getInventoryDetail.mockResolvedValue(hostDetail());
    renderVcfPage(`/vcf/inventory/hosts/${encodeURIComponent('vc01:host-1')}`, [
      [vcfApiRef, api],
      permissions,
    ]);

    expect(
      await screen.findByText('ESXi host in vCenter 01'),
    ).toBeInTheDocument();
    expect(api.getInventoryDetail).toHaveBeenCalledWith('hosts', 'vc01:host-1');
    expect(screen.getByText('SN123')).toBeInTheDocument();
    expect(screen.getByText('25000 Mb/s')).toBeInTheDocument();
    expect(screen.getByText('management, vmotion')).toBeInTheDocument();
    expect(screen.getByText('false → true')).toBeInTheDocument();
  });

  it('says so when the object is not in the inventory', async () => {
    const api = mockVcfApi();
    api.listVcenters.mockResolvedValue([vcenter()]);
    api.getInventoryDetail.mockRejectedValue(
      new Error('No VM "vm-9" in vCenter "vc01"'),
    );
    renderVcfPage(`/vcf/inventory/vms/${encodeURIComponent('vc01:vm-9')}`, [
      [vcfApiRef, api],
      permissions,
    ]);
    expect((await screen.findAllByText(/No VM "vm-9"/)).length).toBeGreaterThan(
      0,
    );
  });
});

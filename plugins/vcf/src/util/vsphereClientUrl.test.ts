import { vsphereClientUrl } from './vsphereClientUrl';

const UUID = '6f1b2c3d-8e9f-4a0b-9c1d-2e3f4a5b6c7d';

describe('vsphereClientUrl', () => {
  it("opens a VM's summary by moref and the vCenter's instance UUID", () => {
    expect(
      vsphereClientUrl(
        { baseUrl: 'https://vc01.lab.example.com/', instanceUuid: UUID },
        { kind: 'vms', moref: 'vm-1033', name: 'web-01' },
      ),
    ).toBe(
      `https://vc01.lab.example.com/ui/app/vm;nav=h/urn:vmomi:VirtualMachine:vm-1033:${UUID}/summary`,
    );
  });

  it("opens a host's summary the same way", () => {
    expect(
      vsphereClientUrl(
        { baseUrl: 'https://vc01.lab.example.com', instanceUuid: UUID },
        { kind: 'hosts', moref: 'host-21', name: 'esx01.lab.example.com' },
      ),
    ).toBe(
      `https://vc01.lab.example.com/ui/app/host;nav=h/urn:vmomi:HostSystem:host-21:${UUID}/summary`,
    );
  });

  it('searches the object by name when the instance UUID is unknown', () => {
    expect(
      vsphereClientUrl(
        { baseUrl: 'https://vc01.lab.example.com' },
        { kind: 'vms', moref: 'vm-1033', name: 'web 01' },
      ),
    ).toBe('https://vc01.lab.example.com/ui/app/search?query=web%2001');
  });
});

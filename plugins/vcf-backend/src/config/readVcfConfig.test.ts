import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import { readNotificationSettings } from '../notifications/notificationSettings';
import {
  readEnvironmentsFromConfig,
  readInventoryChangeRetentionDays,
  readSyncSettings,
  readVcentersFromConfig,
} from './readVcfConfig';

const endpoint = {
  baseUrl: 'https://sddc-manager.example.com',
  username: 'svc-backstage@vsphere.local',
  password: 'endpoint-secret',
};

const vcenter = {
  id: 'vc01',
  baseUrl: 'https://vcenter01.example.com',
  username: 'svc@vsphere.local',
  password: 'vcenter-secret',
};

function vcfConfig(vcf: JsonObject) {
  return mockServices.rootConfig({ data: { vcf } });
}

function environments(...envs: JsonObject[]) {
  return readEnvironmentsFromConfig(vcfConfig({ environments: envs }));
}

function vcenters(...vcs: JsonObject[]) {
  return readVcentersFromConfig(vcfConfig({ vcenters: vcs }));
}

describe('readEnvironmentsFromConfig', () => {
  it('reads nothing when vcf.environments is absent', () => {
    expect(readEnvironmentsFromConfig(new ConfigReader({}))).toEqual([]);
    expect(readEnvironmentsFromConfig(vcfConfig({}))).toEqual([]);
  });

  it('applies the defaults of an environment and its endpoint', () => {
    expect(environments({ id: 'east', sddcManager: endpoint })).toEqual([
      {
        id: 'east',
        title: 'east',
        description: undefined,
        owner: undefined,
        discoverVcenters: false,
        rotateAfterReveal: undefined,
        endpoints: {
          'sddc-manager': {
            ...endpoint,
            tls: { verify: true, ca: undefined },
            intervalMinutes: 30,
          },
          installer: undefined,
        },
      },
    ]);
  });

  it('reads every option', () => {
    const [env] = environments({
      id: 'east',
      title: 'VCF East',
      description: 'Production',
      owner: 'group:default/east-team',
      discoverVcenters: true,
      rotateAfterReveal: { afterMinutes: 60, resourceTypes: ['ESXI', 'NSXT'] },
      sddcManager: { ...endpoint, intervalMinutes: 10 },
      installer: {
        baseUrl: 'http://installer.example.com:8080',
        username: 'admin@local',
        password: 'installer-secret',
        tls: { verify: false, ca: 'PEM' },
        intervalMinutes: 10_080,
      },
    });
    expect(env).toEqual({
      id: 'east',
      title: 'VCF East',
      description: 'Production',
      owner: 'group:default/east-team',
      discoverVcenters: true,
      rotateAfterReveal: { afterMinutes: 60, resourceTypes: ['ESXI', 'NSXT'] },
      endpoints: {
        'sddc-manager': {
          ...endpoint,
          tls: { verify: true, ca: undefined },
          intervalMinutes: 10,
        },
        installer: {
          baseUrl: 'http://installer.example.com:8080',
          username: 'admin@local',
          password: 'installer-secret',
          tls: { verify: false, ca: 'PEM' },
          intervalMinutes: 10_080,
        },
      },
    });
  });

  it('accepts the ids the API accepts', () => {
    expect(
      environments(
        { id: 'vcf_east.01', sddcManager: endpoint },
        { id: 'B', installer: endpoint },
      ).map(e => e.id),
    ).toEqual(['vcf_east.01', 'B']);
  });

  it.each(['-east', 'lab 1', 'a/b', 'a:b', 'x'.repeat(101)])(
    'refuses the id %j',
    id => {
      expect(() => environments({ id, sddcManager: endpoint })).toThrow(
        `vcf.environments[] id "${id}" must be 1–100 letters`,
      );
    },
  );

  it('refuses an environment without id', () => {
    expect(() => environments({ sddcManager: endpoint })).toThrow(
      "Missing required config value at 'vcf.environments[0].id'",
    );
  });

  it('refuses the same id twice', () => {
    expect(() =>
      environments({ id: 'east' }, { id: 'west' }, { id: 'east' }),
    ).toThrow('vcf.environments[] has the id "east" twice');
  });

  it.each(['password', 'username', 'baseUrl'])(
    'names the endpoint whose %s is missing',
    key => {
      const incomplete: JsonObject = { ...endpoint };
      delete incomplete[key];
      expect(() => environments({ id: 'east', installer: incomplete })).toThrow(
        `Missing required config value at 'vcf.environments[0].installer.${key}'`,
      );
    },
  );

  it.each(['sddc-manager.example.com', 'ftp://sddc.example.com', 'https//x'])(
    'refuses the base URL %j',
    baseUrl => {
      expect(() =>
        environments({ id: 'east', sddcManager: { ...endpoint, baseUrl } }),
      ).toThrow(
        `vcf.environments[east].sddcManager.baseUrl "${baseUrl}" must be an http(s) URL`,
      );
    },
  );

  it.each([0, -5, 1.5, 10_081])('refuses the interval %p', intervalMinutes => {
    expect(() =>
      environments({
        id: 'east',
        installer: { ...endpoint, intervalMinutes },
      }),
    ).toThrow(
      `vcf.environments[east].installer.intervalMinutes must be a whole number from 1 to 10080; got ${intervalMinutes}`,
    );
  });

  it('refuses an interval that is not a number', () => {
    expect(() =>
      environments({
        id: 'east',
        sddcManager: { ...endpoint, intervalMinutes: 'often' },
      }),
    ).toThrow(/vcf\.environments\[0\]\.sddcManager\.intervalMinutes/);
  });

  it('refuses a TLS verify that is not a boolean', () => {
    expect(() =>
      environments({
        id: 'east',
        sddcManager: { ...endpoint, tls: { verify: 'maybe' } },
      }),
    ).toThrow(/vcf\.environments\[0\]\.sddcManager\.tls\.verify/);
  });

  it.each([0, 1.5, 10_081])(
    'refuses rotateAfterReveal.afterMinutes %p',
    afterMinutes => {
      expect(() =>
        environments({
          id: 'east',
          rotateAfterReveal: { afterMinutes, resourceTypes: ['ESXI'] },
        }),
      ).toThrow(
        'vcf.environments[east].rotateAfterReveal.afterMinutes must be a whole number from 1 to 10080',
      );
    },
  );

  it('refuses rotateAfterReveal without resource types', () => {
    expect(() =>
      environments({
        id: 'east',
        rotateAfterReveal: { afterMinutes: 30 },
      }),
    ).toThrow(
      "Missing required config value at 'vcf.environments[0].rotateAfterReveal.resourceTypes'",
    );
    expect(() =>
      environments({
        id: 'east',
        rotateAfterReveal: { afterMinutes: 30, resourceTypes: [] },
      }),
    ).toThrow(
      'vcf.environments[east].rotateAfterReveal.resourceTypes must name at least one resource type',
    );
  });

  it('never puts a password into its errors', () => {
    const canary = 'canary-Pa55word-7f3a';
    const bad = [
      {
        id: 'east',
        sddcManager: { ...endpoint, password: canary, baseUrl: 'x' },
      },
      {
        id: 'east',
        installer: { ...endpoint, password: canary, intervalMinutes: 0 },
      },
    ];
    const messages = bad.map(env => {
      try {
        environments(env);
        return 'no error';
      } catch (error) {
        return (error as Error).message;
      }
    });
    expect(messages).toEqual([
      expect.stringContaining('must be an http(s) URL'),
      expect.stringContaining('must be a whole number'),
    ]);
    expect(messages.join('\n')).not.toContain(canary);
  });
});

describe('readVcentersFromConfig', () => {
  it('reads nothing when vcf.vcenters is absent', () => {
    expect(readVcentersFromConfig(vcfConfig({}))).toEqual([]);
  });

  it('applies the defaults', () => {
    expect(vcenters(vcenter)).toEqual([
      {
        ...vcenter,
        title: 'vc01',
        environmentId: undefined,
        owner: undefined,
        enabled: true,
        tls: { verify: true, ca: undefined },
        intervalMinutes: 15,
      },
    ]);
  });

  it('reads every option', () => {
    expect(
      vcenters({
        ...vcenter,
        title: 'vCenter 01',
        environment: 'east',
        owner: 'group:default/vi-admins',
        enabled: false,
        tls: { verify: true, ca: 'PEM' },
        intervalMinutes: 5,
      }),
    ).toEqual([
      {
        ...vcenter,
        title: 'vCenter 01',
        environmentId: 'east',
        owner: 'group:default/vi-admins',
        enabled: false,
        tls: { verify: true, ca: 'PEM' },
        intervalMinutes: 5,
      },
    ]);
  });

  it('refuses a bad id, a repeated id, a bad URL and a bad interval', () => {
    expect(() => vcenters({ ...vcenter, id: 'vc 01' })).toThrow(
      'vcf.vcenters[] id "vc 01" must be 1–100 letters',
    );
    expect(() => vcenters(vcenter, vcenter)).toThrow(
      'vcf.vcenters[] has the id "vc01" twice',
    );
    expect(() => vcenters({ ...vcenter, baseUrl: 'vcenter01' })).toThrow(
      'vcf.vcenters[vc01].baseUrl "vcenter01" must be an http(s) URL',
    );
    expect(() => vcenters({ ...vcenter, intervalMinutes: 0 })).toThrow(
      'vcf.vcenters[vc01].intervalMinutes must be a whole number from 1 to 10080; got 0',
    );
  });

  it('names the vCenter whose password is missing', () => {
    const { password: _password, ...withoutPassword } = vcenter;
    expect(() => vcenters(vcenter, { ...withoutPassword, id: 'vc02' })).toThrow(
      "Missing required config value at 'vcf.vcenters[1].password'",
    );
  });
});

describe('readSyncSettings', () => {
  it('applies the defaults', () => {
    expect(readSyncSettings(vcfConfig({}))).toEqual({
      concurrency: 4,
      leaseSeconds: 300,
      runOnStartup: true,
      instanceId: undefined,
      sddcManagerPageSize: 500,
    });
  });

  it('reads every option', () => {
    expect(
      readSyncSettings(
        vcfConfig({
          sync: {
            concurrency: 1,
            leaseSeconds: 60,
            runOnStartup: false,
            instanceId: 'backend-a',
            sddcManagerPageSize: 50,
          },
        }),
      ),
    ).toEqual({
      concurrency: 1,
      leaseSeconds: 60,
      runOnStartup: false,
      instanceId: 'backend-a',
      sddcManagerPageSize: 50,
    });
  });

  it.each([
    ['concurrency', 0],
    ['concurrency', 2.5],
    ['leaseSeconds', -1],
    ['sddcManagerPageSize', 0],
    ['sddcManagerPageSize', 12.5],
  ])('refuses sync.%s %p', (key, value) => {
    expect(() =>
      readSyncSettings(vcfConfig({ sync: { [key]: value } })),
    ).toThrow(
      `vcf.sync.${key} must be a whole number, at least 1; got ${value}`,
    );
  });
});

describe('readInventoryChangeRetentionDays', () => {
  it('defaults to 90 days and reads the setting', () => {
    expect(readInventoryChangeRetentionDays(vcfConfig({}))).toBe(90);
    expect(
      readInventoryChangeRetentionDays(
        vcfConfig({ inventory: { changes: { retentionDays: 7 } } }),
      ),
    ).toBe(7);
  });

  it.each([0, -1, 1.5])('refuses %p days', retentionDays => {
    expect(() =>
      readInventoryChangeRetentionDays(
        vcfConfig({ inventory: { changes: { retentionDays } } }),
      ),
    ).toThrow(
      `vcf.inventory.changes.retentionDays must be a whole number of days, at least 1; got ${retentionDays}`,
    );
  });
});

describe('readNotificationSettings', () => {
  it('applies the defaults with and without the section', () => {
    const defaults = {
      enabled: true,
      syncFailureThreshold: 3,
      expiringWithinDays: 14,
      digestHourUtc: 7,
    };
    expect(readNotificationSettings(vcfConfig({}))).toEqual(defaults);
    expect(readNotificationSettings(vcfConfig({ notifications: {} }))).toEqual(
      defaults,
    );
  });

  it('reads every option, bounds included', () => {
    expect(
      readNotificationSettings(
        vcfConfig({
          notifications: {
            enabled: false,
            syncFailureThreshold: 1000,
            expiringWithinDays: 1,
            digestHourUtc: 0,
          },
        }),
      ),
    ).toEqual({
      enabled: false,
      syncFailureThreshold: 1000,
      expiringWithinDays: 1,
      digestHourUtc: 0,
    });
  });

  it.each([
    ['syncFailureThreshold', 0, 'from 1 to 1000'],
    ['syncFailureThreshold', 1001, 'from 1 to 1000'],
    ['expiringWithinDays', 366, 'from 1 to 365'],
    ['expiringWithinDays', 2.5, 'from 1 to 365'],
    ['digestHourUtc', 24, 'from 0 to 23'],
    ['digestHourUtc', -1, 'from 0 to 23'],
  ])('refuses %s %p', (key, value, range) => {
    expect(() =>
      readNotificationSettings(vcfConfig({ notifications: { [key]: value } })),
    ).toThrow(
      `Invalid config vcf.notifications.${key}: ${value}; expected an integer ${range}`,
    );
  });
});

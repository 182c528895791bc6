import {
  FaultSettings,
  InvalidFaultsError,
  NO_FAULTS,
  parseFaults,
} from './FaultSettings';

describe('FaultSettings', () => {
  it('starts without faults, or with the start-up ones everywhere', () => {
    expect(new FaultSettings().effective({ environmentId: 'a' })).toEqual(
      NO_FAULTS,
    );
    expect(
      new FaultSettings({ latencyMs: 5 }).effective({
        environmentId: 'a',
        service: 'installer',
      }).latencyMs,
    ).toBe(5);
  });

  it('lets narrower scopes override wider ones, field by field', () => {
    const settings = new FaultSettings();
    settings.set({ errorRate: 0.1, latencyMs: 10 });
    settings.set({ errorRate: 0.2 }, { service: 'installer' });
    settings.set({ errorRate: 0.3, hang: true }, { environmentId: 'a' });
    settings.set(
      { errorRate: 0.4 },
      { environmentId: 'a', service: 'installer' },
    );

    expect(
      settings.effective({ environmentId: 'b', service: 'sddc-manager' }),
    ).toMatchObject({
      errorRate: 0.1,
      latencyMs: 10,
      hang: false,
    });
    expect(
      settings.effective({ environmentId: 'b', service: 'installer' })
        .errorRate,
    ).toBe(0.2);
    expect(
      settings.effective({ environmentId: 'a', service: 'sddc-manager' }),
    ).toMatchObject({
      errorRate: 0.3,
      hang: true,
      latencyMs: 10,
    });
    expect(
      settings.effective({ environmentId: 'a', service: 'installer' }),
    ).toMatchObject({
      errorRate: 0.4,
      hang: true,
    });
  });

  it('keeps fields left out and clears the token lifetime with null', () => {
    const settings = new FaultSettings();
    settings.set({ tokenTtlSeconds: 5, malformedJson: true });
    settings.set({ latencyMs: 1 });
    expect(settings.effective()).toMatchObject({
      tokenTtlSeconds: 5,
      malformedJson: true,
    });
    settings.set(parseFaults({ tokenTtlSeconds: null }));
    expect(settings.effective().tokenTtlSeconds).toBeUndefined();
    settings.reset();
    expect(settings.effective()).toEqual(NO_FAULTS);
  });

  it('holds pages until lifted with null, waking whoever waits for a change', async () => {
    const settings = new FaultSettings();
    settings.set({ holdPagesFrom: 1 }, { environmentId: 'east' });
    expect(settings.effective({ environmentId: 'east' }).holdPagesFrom).toBe(1);
    expect(settings.effective({ environmentId: 'lab' }).holdPagesFrom).toBe(
      undefined,
    );
    const changed = settings.nextChange();
    settings.set(parseFaults({ holdPagesFrom: null }), {
      environmentId: 'east',
    });
    await expect(changed).resolves.toBeUndefined();
    expect(settings.effective({ environmentId: 'east' }).holdPagesFrom).toBe(
      undefined,
    );
    expect(() => parseFaults({ holdPagesFrom: -1 })).toThrow(
      'holdPagesFrom must be a number from 0',
    );
  });

  it('refuses settings that make no sense', () => {
    const settings = new FaultSettings();
    expect(() => settings.set({ errorRate: 1.5 })).toThrow(InvalidFaultsError);
    expect(() => settings.set({ latencyMs: -1 })).toThrow(
      'latencyMs must be a number from 0',
    );
    expect(() => parseFaults({ truncatedPage: 'yes' })).toThrow(
      /truncatedPage must be one of/,
    );
    expect(() => parseFaults({ paths: ['v1/credentials'] })).toThrow(
      /paths must be a list/,
    );
    expect(() => parseFaults([])).toThrow('faults must be a JSON object');
  });
});

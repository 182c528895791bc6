import { TestApiClient } from '../__testUtils__/httpsRequest';
import { startVcfSimulator } from './startVcfSimulator';
import type { VcfSimulator } from './types';

describe('credential operations of the simulated SDDC Manager', () => {
  let simulator: VcfSimulator;
  let api: TestApiClient;

  beforeAll(async () => {
    simulator = await startVcfSimulator({
      seed: 'operations',
      environments: [{ id: 'ops', credentialCount: 30 }],
    });
    api = TestApiClient.forSddcManager(simulator, simulator.environments[0]);
    await api.login();
  });
  afterAll(() => simulator.stop());
  afterEach(() => simulator.resetFaults());

  function specFor(index: number, operationType: string, password?: string) {
    const credential = simulator.listCredentials('ops')[index];
    return {
      operationType,
      elements: [
        {
          resourceName: credential.resource.resourceName,
          resourceType: credential.resource.resourceType,
          credentials: [
            {
              credentialType: credential.credentialType,
              username: credential.username,
              ...(password ? { password } : {}),
            },
          ],
        },
      ],
    };
  }

  async function start(body: unknown) {
    const response = await api.request('/v1/credentials', {
      method: 'PATCH',
      body,
    });
    return response;
  }

  const poll = (id: string) => api.getJson(`/v1/credentials/tasks/${id}`);

  it('rotates a password over a few polls and changes it only when the task succeeds', async () => {
    const before = simulator.listCredentials('ops')[0].password;
    const started = await start(specFor(0, 'ROTATE'));
    expect(started.status).toBe(202);
    const { id } = started.json();
    expect((await poll(id)).status).toBe('IN_PROGRESS');
    expect(simulator.listCredentials('ops')[0].password).toBe(before);
    expect((await poll(id)).status).toBe('IN_PROGRESS');
    const done = await poll(id);
    expect(done.status).toBe('SUCCESSFUL');
    const after = simulator.listCredentials('ops')[0].password;
    expect(after).not.toBe(before);
    expect(done.subTasks[0]).toMatchObject({
      oldPassword: before,
      newPassword: after,
    });
  });

  it('updates to the given password, and refuses one that breaks the policy with a 400', async () => {
    const refused = await start(specFor(1, 'UPDATE', 'short'));
    expect(refused.status).toBe(400);
    expect(refused.json()).toMatchObject({
      errorCode: 'PASSWORD_POLICY_VIOLATION',
    });
    simulator.setFaults({ credentialTaskPolls: 0 });
    const started = await start(specFor(1, 'UPDATE', 'Xy7!qwertzuiopas'));
    expect((await poll(started.json().id)).status).toBe('SUCCESSFUL');
    expect(simulator.listCredentials('ops')[1].password).toBe(
      'Xy7!qwertzuiopas',
    );
  });

  it('fails a task with an error, keeps the password, and lets it be retried or cancelled', async () => {
    const before = simulator.listCredentials('ops')[2].password;
    simulator.setFaults({
      credentialTaskOutcome: 'FAILED',
      credentialTaskPolls: 0,
    });
    const { id } = (await start(specFor(2, 'ROTATE'))).json();
    const failed = await poll(id);
    expect(failed.status).toBe('FAILED');
    expect(failed.errors[0].message).toMatch(/Failed to rotate/);
    expect(simulator.listCredentials('ops')[2].password).toBe(before);

    simulator.setFaults({ credentialTaskOutcome: 'SUCCESSFUL' });
    const retried = await api.request(`/v1/credentials/tasks/${id}`, {
      method: 'PATCH',
      body: specFor(2, 'ROTATE'),
    });
    expect(retried.status).toBe(202);
    expect((await poll(id)).status).toBe('SUCCESSFUL');
    expect(simulator.listCredentials('ops')[2].password).not.toBe(before);

    const cancelSucceeded = await api.request(`/v1/credentials/tasks/${id}`, {
      method: 'DELETE',
    });
    expect(cancelSucceeded.status).toBe(400);

    simulator.setFaults({ credentialTaskOutcome: 'FAILED' });
    const second = (await start(specFor(3, 'ROTATE'))).json().id;
    await poll(second);
    const cancelled = await api.request(`/v1/credentials/tasks/${second}`, {
      method: 'DELETE',
    });
    expect(cancelled.status).toBe(202);
    expect((await poll(second)).status).toBe('USER_CANCELLED');
  });

  it('ends INCONSISTENT with an error and no password change', async () => {
    const before = simulator.listCredentials('ops')[4].password;
    simulator.setFaults({
      credentialTaskOutcome: 'INCONSISTENT',
      credentialTaskPolls: 0,
    });
    const { id } = (await start(specFor(4, 'ROTATE'))).json();
    const task = await poll(id);
    expect(task.status).toBe('INCONSISTENT');
    expect(task.errors[0].message).toMatch(/remediate/);
    expect(simulator.listCredentials('ops')[4].password).toBe(before);
  });

  it('refuses a second operation on a credential while one is in progress', async () => {
    const first = await start(specFor(5, 'ROTATE'));
    expect(first.status).toBe(202);
    const second = await start(specFor(5, 'ROTATE'));
    expect(second.status).toBe(400);
    expect(second.json().errorCode).toBe('PASSWORD_OPERATION_IN_PROGRESS');
  });

  it('sets and clears the auto-rotate policy', async () => {
    simulator.setFaults({ credentialTaskPolls: 0 });
    const spec = {
      ...specFor(6, 'UPDATE_AUTO_ROTATE_POLICY'),
      autoRotatePolicy: { enableAutoRotatePolicy: true, frequencyInDays: 30 },
    };
    await poll((await start(spec)).json().id);
    expect(simulator.listCredentials('ops')[6].autoRotatePolicy).toMatchObject({
      frequencyInDays: 30,
    });
    const off = {
      ...spec,
      autoRotatePolicy: { enableAutoRotatePolicy: false },
    };
    await poll((await start(off)).json().id);
    expect(
      simulator.listCredentials('ops')[6].autoRotatePolicy,
    ).toBeUndefined();
  });

  it('runs an expiration check that reports what SDDC Manager knows now', async () => {
    const credential = simulator.listCredentials('ops')[0];
    simulator.setCredentialExpiry('ops', credential.id, {
      status: 'EXPIRED',
      expiryDate: '2020-01-01T00:00:00.000Z',
    });
    simulator.setFaults({ credentialTaskPolls: 1 });
    const started = await api.request('/v1/credentials/expirations', {
      method: 'POST',
      body: {
        resourceType: credential.resource.resourceType,
        credentialIds: [credential.id],
      },
    });
    expect(started.status).toBe(202);
    const { id } = started.json();
    expect(
      (await api.getJson(`/v1/credentials/expirations/${id}`)).status,
    ).toBe('IN_PROGRESS');
    const done = await api.getJson(`/v1/credentials/expirations/${id}`);
    expect(done.status).toBe('COMPLETED');
    expect(done.elements).toEqual([
      expect.objectContaining({
        id: credential.id,
        expiry: expect.objectContaining({ status: 'EXPIRED' }),
      }),
    ]);
  });
});

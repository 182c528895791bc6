import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CredentialTask } from '@vcf-backstage/plugin-vcf-common';
import { vcfApiRef } from '../../api';
import { allow, credential, deny, mockVcfApi, page } from '../../__testUtils__';
import { CredentialTasksPanel } from './CredentialTasksPanel';

function task(overrides: Partial<CredentialTask> = {}): CredentialTask {
  return {
    id: 'task-1',
    environmentId: 'lab',
    operation: 'rotate',
    status: 'IN_PROGRESS',
    errors: [],
    items: [
      {
        credentialId: 'cred-1',
        resourceName: 'esx01',
        username: 'root',
        status: 'IN_PROGRESS',
      },
      {
        credentialId: 'cred-2',
        resourceName: 'esx02',
        username: 'root',
        status: 'SUCCESSFUL',
      },
    ],
    requestedBy: 'user:default/ops',
    createdAt: '2026-12-02T08:00:00Z',
    ...overrides,
  };
}

describe('CredentialTasksPanel', () => {
  afterEach(() => jest.useRealTimers());

  it('refreshes while a task runs and stops when it ends', async () => {
    jest.useFakeTimers();
    const api = mockVcfApi();
    api.listCredentialTasks
      .mockResolvedValueOnce(page([task()]))
      .mockResolvedValue(
        page([
          task({
            status: 'SUCCESSFUL',
            items: task().items.map(i => ({ ...i, status: 'SUCCESSFUL' })),
          }),
        ]),
      );
    await renderInTestApp(<CredentialTasksPanel environmentId="lab" />, {
      apis: [[vcfApiRef, api], mockApis.permission({ authorize: allow })],
    });
    expect(
      await screen.findByText(/1 of 2 credentials done/),
    ).toBeInTheDocument();
    expect(screen.getByText('in progress')).toBeInTheDocument();

    await act(() => jest.advanceTimersByTimeAsync(3000));
    expect(await screen.findByText('successful')).toBeInTheDocument();
    expect(screen.getByText(/2 of 2 credentials done/)).toBeInTheDocument();
    const calls = api.listCredentialTasks.mock.calls.length;
    await act(() => jest.advanceTimersByTimeAsync(10000));
    expect(api.listCredentialTasks.mock.calls.length).toBe(calls);
  });

  it("shows SDDC Manager's error of a failed task and retries it", async () => {
    const api = mockVcfApi();
    api.listCredentialTasks.mockResolvedValue(
      page([
        task({
          status: 'FAILED',
          errors: ['Failed to rotate the password of root on esx01'],
        }),
      ]),
    );
    api.retryCredentialTask.mockResolvedValue({ taskId: 'task-1' });
    await renderInTestApp(<CredentialTasksPanel environmentId="lab" />, {
      apis: [[vcfApiRef, api], mockApis.permission({ authorize: allow })],
    });
    expect(
      await screen.findByText(
        'SDDC Manager: Failed to rotate the password of root on esx01',
      ),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(api.retryCredentialTask).toHaveBeenCalledWith('task-1');
  });

  it('offers no retry or cancel without vcf.credential.rotate', async () => {
    const api = mockVcfApi();
    // usePermission caches decisions per resource: a credential no other test used.
    const denied = task({
      status: 'FAILED',
      errors: ['nope'],
      items: [
        {
          credentialId: 'cred-denied',
          resourceName: 'esx09',
          username: 'root',
          status: 'FAILED',
        },
      ],
    });
    api.listCredentialTasks.mockResolvedValue(page([denied]));
    await renderInTestApp(<CredentialTasksPanel environmentId="lab" />, {
      apis: [[vcfApiRef, api], mockApis.permission({ authorize: deny })],
    });
    expect(await screen.findByText('SDDC Manager: nope')).toBeInTheDocument();
    expect(
      screen.getByText('SDDC Manager refused the change'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Retry' }),
    ).not.toBeInTheDocument();
  });

  it('offers the expiry check to a user who may rotate the credentials and starts it', async () => {
    const api = mockVcfApi();
    api.listCredentials.mockResolvedValue(page([credential()]));
    api.checkCredentialExpiry.mockResolvedValue({ taskId: 'check-1' });
    await renderInTestApp(<CredentialTasksPanel environmentId="lab" />, {
      apis: [[vcfApiRef, api], mockApis.permission({ authorize: allow })],
    });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Check expiry now' }),
    );
    expect(api.checkCredentialExpiry).toHaveBeenCalledWith('lab');
    expect(api.listCredentials).toHaveBeenCalledWith('lab', {
      source: 'sddc-manager',
      limit: 25,
    });
  });

  it('offers no expiry check to a user who may not rotate', async () => {
    const api = mockVcfApi();
    api.listCredentials.mockResolvedValue(page([credential()]));
    await renderInTestApp(<CredentialTasksPanel environmentId="lab" />, {
      apis: [[vcfApiRef, api], mockApis.permission({ authorize: deny })],
    });

    expect(
      await screen.findByText('No rotations, updates or expiry checks yet.'),
    ).toBeInTheDocument();
    await waitFor(() => expect(api.listCredentials).toHaveBeenCalled());
    // The permission answer arrives after the credentials: give it its turn.
    await act(() => new Promise(resolve => setTimeout(resolve, 50)));
    expect(
      screen.queryByRole('button', { name: 'Check expiry now' }),
    ).not.toBeInTheDocument();
  });
});

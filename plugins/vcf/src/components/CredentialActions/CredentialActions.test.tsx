import {
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vcfPasswordPolicyViolation } from '@vcf-backstage/plugin-vcf-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { VcfClient, vcfApiRef } from '../../api';
import { allow, allowOnly, credential } from '../../__testUtils__';
import { CredentialActions } from './CredentialActions';

const baseUrl = 'http://localhost:7007/api/vcf';

describe('CredentialActions (with the real VcfClient)', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const bodies: Array<{ path: string; body: unknown }> = [];

  beforeEach(() => {
    bodies.length = 0;
    server.use(
      http.post(
        `${baseUrl}/credentials/:id/:operation`,
        async ({ request, params }) => {
          const body = await request.json();
          bodies.push({ path: `${params.operation}`, body });
          if ((body as { password?: string }).password === 'Refused!Pass42xy') {
            return HttpResponse.json(
              {
                error: {
                  name: 'InputError',
                  message:
                    'SDDC Manager refused PATCH /v1/credentials: the password was used before',
                },
                response: { statusCode: 400 },
              },
              { status: 400 },
            );
          }
          return HttpResponse.json({ taskId: 'task-1' }, { status: 202 });
        },
      ),
    );
  });

  async function renderActions(
    authorize: (request: {
      permission: { name: string };
    }) => 'ALLOW' | 'DENY' = allow,
    overrides = {},
  ) {
    const client = new VcfClient({
      discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
      fetchApi: mockApis.fetch(),
    });
    const onTaskStarted = jest.fn();
    await renderInTestApp(
      <CredentialActions
        credential={credential(overrides)}
        onTaskStarted={onTaskStarted}
      />,
      { apis: [[vcfApiRef, client], mockApis.permission({ authorize })] },
    );
    return onTaskStarted;
  }

  const menu = () =>
    screen.findByRole('button', {
      name: 'Password actions for root@esx01.lab.example.com',
    });

  it('rotates after confirmation', async () => {
    const onTaskStarted = await renderActions();
    await userEvent.click(await menu());
    await userEvent.click(screen.getByRole('menuitem', { name: 'Rotate…' }));
    expect(bodies).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Rotate' }));
    await waitFor(() => expect(onTaskStarted).toHaveBeenCalledWith('task-1'));
    expect(bodies).toEqual([{ path: 'rotate', body: {} }]);
  });

  it('updates with a generated password that meets the policy hint', async () => {
    const onTaskStarted = await renderActions();
    await userEvent.click(await menu());
    await userEvent.click(
      screen.getByRole('menuitem', { name: 'Update password…' }),
    );
    expect(
      screen.getByText(/VCF policy: 15–20 characters/),
    ).toBeInTheDocument();
    const update = screen.getByRole('button', { name: 'Update' });
    await userEvent.type(screen.getByTestId('vcf-new-password'), 'short');
    expect(update).toBeDisabled();
    expect(
      screen.getByText(/must be 15 to 20 characters long/),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Generate' }));
    const generated = (
      screen.getByTestId('vcf-new-password') as HTMLInputElement
    ).value;
    expect(vcfPasswordPolicyViolation(generated)).toBeUndefined();
    await userEvent.click(update);
    await waitFor(() => expect(onTaskStarted).toHaveBeenCalledWith('task-1'));
    expect(bodies).toEqual([{ path: 'update', body: { password: generated } }]);
  });

  it("shows SDDC Manager's refusal in the dialog", async () => {
    const onTaskStarted = await renderActions();
    await userEvent.click(await menu());
    await userEvent.click(screen.getByRole('menuitem', { name: 'Remediate…' }));
    await userEvent.type(
      screen.getByTestId('vcf-new-password'),
      'Refused!Pass42xy',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Remediate' }));
    expect(
      await screen.findByText(/the password was used before/),
    ).toBeInTheDocument();
    expect(onTaskStarted).not.toHaveBeenCalled();
  });

  it('shows nothing without vcf.credential.rotate', async () => {
    // usePermission caches decisions per resource: a credential no other test used.
    await renderActions(allowOnly('vcf.credential.reveal'), {
      id: 'cred-denied',
    });
    await waitFor(() =>
      expect(
        screen.queryByRole('button', { name: /Password actions/ }),
      ).not.toBeInTheDocument(),
    );
  });

  it.each([[{ source: 'installer' }], [{ removedAt: '2026-01-02T00:00:00Z' }]])(
    'offers no action for %p',
    async overrides => {
      await renderActions(allow, overrides);
      await waitFor(() =>
        expect(
          screen.queryByRole('button', { name: /Password actions/ }),
        ).not.toBeInTheDocument(),
      );
    },
  );
});

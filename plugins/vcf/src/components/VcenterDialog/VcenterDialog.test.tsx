import { ResponseError } from '@backstage/errors';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vcfApiRef } from '../../api';
import { environment, mockVcfApi } from '../../__testUtils__';
import { VcenterDialog } from './VcenterDialog';

async function conflict(message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'ConflictError', message },
        response: { statusCode: 409 },
      }),
      { status: 409, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}

async function openFilledDialog() {
  const api = mockVcfApi();
  api.listEnvironments.mockResolvedValue([environment()]);
  const onSaved = jest.fn();
  const onClose = jest.fn();
  await renderInTestApp(
    <VcenterDialog open onClose={onClose} onSaved={onSaved} />,
    { apis: [[vcfApiRef, api]] },
  );
  const dialog = screen.getByRole('dialog', { name: 'Add a vCenter' });
  await userEvent.type(within(dialog).getByLabelText(/^Id/), 'vc03');
  await userEvent.type(
    within(dialog).getByLabelText(/^vCenter URL/),
    'https://vc03.example.com',
  );
  await userEvent.type(
    within(dialog).getByLabelText(/^vCenter username/),
    'ro@vsphere.local',
  );
  await userEvent.type(
    within(dialog).getByLabelText(/^vCenter password/),
    'pw',
  );
  await userEvent.selectOptions(
    within(dialog).getByLabelText('Environment'),
    await within(dialog).findByRole('option', { name: 'Lab' }),
  );
  return { api, dialog, onSaved, onClose };
}

const expectedBody = {
  id: 'vc03',
  title: 'vc03',
  baseUrl: 'https://vc03.example.com',
  username: 'ro@vsphere.local',
  password: 'pw',
  environmentId: 'lab',
  owner: undefined,
  enabled: true,
  tls: { verify: true, ca: undefined },
  intervalMinutes: undefined,
};

describe('VcenterDialog', () => {
  it('tests the connection before saving, with the body a save would send', async () => {
    const { api, dialog } = await openFilledDialog();
    api.testVcenterDefinition.mockResolvedValue({
      ok: false,
      results: [
        {
          source: 'vcenter',
          ok: false,
          message: 'Cannot complete login due to an incorrect user name',
          durationMs: 120,
        },
      ],
    });

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Test connection' }),
    );

    expect(
      await within(dialog).findByText(/incorrect user name/),
    ).toBeInTheDocument();
    expect(within(dialog).getByText('vCenter: failed')).toBeInTheDocument();
    expect(api.testVcenterDefinition).toHaveBeenCalledWith(expectedBody);
    expect(api.createVcenter).not.toHaveBeenCalled();
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });

  it('does not test a definition with missing fields', async () => {
    const api = mockVcfApi();
    await renderInTestApp(
      <VcenterDialog open onClose={jest.fn()} onSaved={jest.fn()} />,
      { apis: [[vcfApiRef, api]] },
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Test connection' }),
    );

    expect(
      await screen.findByText(/Correct the marked fields first\./),
    ).toBeInTheDocument();
    expect(api.testVcenterDefinition).not.toHaveBeenCalled();
  });

  it('says clearly that a vCenter URL is already registered and keeps the dialog open', async () => {
    const { api, dialog, onSaved, onClose } = await openFilledDialog();
    api.createVcenter.mockRejectedValue(
      await conflict(
        'The vCenter https://vc03.example.com is already registered as "vc01" (vCenter 01)',
      ),
    );

    await userEvent.click(within(dialog).getByRole('button', { name: 'Add' }));

    expect(
      await within(dialog).findByText('This vCenter is already registered'),
    ).toBeInTheDocument();
    const url = within(dialog).getByLabelText(/^vCenter URL/);
    expect(url).toHaveAttribute('aria-invalid', 'true');
    expect(
      within(dialog).getAllByText(/already registered as "vc01"/),
    ).not.toHaveLength(0);
    expect(within(dialog).queryByText(/HTTP 409/)).not.toBeInTheDocument();
    await waitFor(() => expect(api.createVcenter).toHaveBeenCalledTimes(1));
    expect(onSaved).not.toHaveBeenCalled();
    expect(onClose).not.toHaveBeenCalled();
  });
});

import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { environment } from '../../__testUtils__';
import { EnvironmentForm } from './EnvironmentForm';

describe('EnvironmentForm', () => {
  it('says what is missing instead of submitting an invalid environment', async () => {
    const onSubmit = jest.fn(async () => undefined);
    await renderInTestApp(
      <EnvironmentForm submitLabel="Create" onSubmit={onSubmit} />,
    );

    await userEvent.type(screen.getByLabelText(/^Id/), 'Lab 1');
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));

    expect(onSubmit).not.toHaveBeenCalled();
    expect(
      screen.getByText(
        "1–100 letters, digits, '-', '_' or '.', starting with a letter or digit.",
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Give the environment a name.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Configure an SDDC Manager, a VCF Installer, or both.'),
    ).toBeInTheDocument();
  });

  it('submits a new environment with its SDDC Manager', async () => {
    const onSubmit = jest.fn(async () => undefined);
    await renderInTestApp(
      <EnvironmentForm submitLabel="Create" onSubmit={onSubmit} />,
    );

    await userEvent.type(screen.getByLabelText(/^Id/), 'lab');
    await userEvent.type(screen.getByLabelText(/^Title/), 'Lab');
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'SDDC Manager' }),
    );
    await userEvent.type(
      screen.getByLabelText(/^SDDC Manager URL/),
      'https://sddc.lab.example.com',
    );
    await userEvent.type(
      screen.getByLabelText(/^SDDC Manager username/),
      'svc@vsphere.local',
    );
    await userEvent.type(screen.getByLabelText(/^SDDC Manager password/), 'pw');
    await userEvent.type(screen.getByLabelText('Sync every (minutes)'), '15');
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));

    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith({
        id: 'lab',
        title: 'Lab',
        description: undefined,
        owner: undefined,
        discoverVcenters: true,
        sddcManager: {
          baseUrl: 'https://sddc.lab.example.com',
          username: 'svc@vsphere.local',
          password: 'pw',
          tls: { verify: true, ca: undefined },
          intervalMinutes: 15,
        },
        installer: undefined,
      }),
    );
    expect(screen.getByLabelText(/^SDDC Manager password/)).toHaveValue('');
  });

  it('keeps the stored password when editing without typing one', async () => {
    const onSubmit = jest.fn(async () => undefined);
    await renderInTestApp(
      <EnvironmentForm
        environment={environment()}
        submitLabel="Save"
        onSubmit={onSubmit}
      />,
    );

    expect(screen.getByLabelText(/^Id/)).toBeDisabled();
    await userEvent.clear(screen.getByLabelText(/^Title/));
    await userEvent.type(screen.getByLabelText(/^Title/), 'Lab 2');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(onSubmit).toHaveBeenCalled());
    expect(onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({
        title: 'Lab 2',
        sddcManager: expect.objectContaining({ password: undefined }),
      }),
    );
  });

  it('shows the backend error when saving fails', async () => {
    const onSubmit = jest.fn(async () => {
      throw new Error('Environment lab already exists');
    });
    await renderInTestApp(
      <EnvironmentForm
        environment={environment()}
        submitLabel="Save"
        onSubmit={onSubmit}
      />,
    );

    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(
      await screen.findByText('Environment lab already exists'),
    ).toBeInTheDocument();
  });

  it('turns rotate-after-reveal on with a delay and resource types', async () => {
    const onSubmit = jest.fn(async () => undefined);
    await renderInTestApp(
      <EnvironmentForm
        environment={environment()}
        submitLabel="Save"
        onSubmit={onSubmit}
      />,
    );

    await userEvent.click(
      screen.getByRole('checkbox', {
        name: 'Have SDDC Manager rotate a password some time after it was revealed',
      }),
    );
    const minutes = screen.getByLabelText('Rotate after (minutes)');
    expect(minutes).toHaveValue(60);
    await userEvent.clear(minutes);
    await userEvent.type(minutes, '0');
    await userEvent.click(screen.getByRole('checkbox', { name: 'ESXI' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'VCENTER' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(onSubmit).not.toHaveBeenCalled();
    expect(
      screen.getByText('Whole minutes from 1 to 10080 (a week).'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Choose the resource types whose passwords are rotated after a reveal.',
      ),
    ).toBeInTheDocument();

    await userEvent.clear(minutes);
    await userEvent.type(minutes, '45');
    await userEvent.click(screen.getByRole('checkbox', { name: 'ESXI' }));
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'NSXT_MANAGER' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith(
        expect.objectContaining({
          rotateAfterReveal: {
            afterMinutes: 45,
            resourceTypes: ['ESXI', 'NSXT_MANAGER'],
          },
        }),
      ),
    );
  });

  it('keeps the rotate-after-reveal settings of an environment it edits', async () => {
    const onSubmit = jest.fn(async () => undefined);
    await renderInTestApp(
      <EnvironmentForm
        environment={environment({
          rotateAfterReveal: {
            afterMinutes: 30,
            resourceTypes: ['ESXI', 'VXRAIL_MANAGER'],
          },
        })}
        submitLabel="Save"
        onSubmit={onSubmit}
      />,
    );

    expect(
      screen.getByRole('checkbox', { name: 'VXRAIL_MANAGER' }),
    ).toBeChecked();
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith(
        expect.objectContaining({
          rotateAfterReveal: {
            afterMinutes: 30,
            resourceTypes: ['ESXI', 'VXRAIL_MANAGER'],
          },
        }),
      ),
    );
  });
});

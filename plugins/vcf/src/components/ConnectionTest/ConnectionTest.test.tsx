import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ConnectionTestResult } from '@vcf-backstage/plugin-vcf-common';
import { ConnectionTestButton } from './ConnectionTest';

const result: ConnectionTestResult = {
  ok: false,
  results: [
    {
      source: 'sddc-manager',
      ok: true,
      message: 'Signed in as svc-backstage@vsphere.local',
      durationMs: 420,
    },
    {
      source: 'installer',
      ok: false,
      message: 'VCF Installer rejected the service account',
      durationMs: 2500,
    },
  ],
};

describe('ConnectionTestButton', () => {
  it('runs the test and shows the outcome of each source', async () => {
    const onTest = jest.fn().mockResolvedValue(result);
    await renderInTestApp(<ConnectionTestButton onTest={onTest} />);
    expect(
      screen.queryByRole('list', { name: 'Connection test results' }),
    ).not.toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Test connection' }),
    );

    expect(onTest).toHaveBeenCalledTimes(1);
    const list = await screen.findByRole('list', {
      name: 'Connection test results',
    });
    const [sddc, installer] = within(list).getAllByRole('listitem');
    expect(sddc).toHaveTextContent('SDDC Manager: connected');
    expect(sddc).toHaveTextContent(
      'Signed in as svc-backstage@vsphere.local (420 ms)',
    );
    expect(installer).toHaveTextContent('VCF Installer: failed');
    expect(installer).toHaveTextContent(
      'VCF Installer rejected the service account (3 s)',
    );
  });

  it('says when the test itself could not run', async () => {
    const onTest = jest.fn().mockRejectedValue(new Error('Forbidden'));
    await renderInTestApp(<ConnectionTestButton onTest={onTest} />);
    await userEvent.click(
      screen.getByRole('button', { name: 'Test connection' }),
    );
    expect(
      await screen.findByText('The connection test could not run: Forbidden'),
    ).toBeInTheDocument();
  });

  it('is disabled while a test runs', async () => {
    let answer: (value: ConnectionTestResult) => void = () => {};
    const onTest = jest.fn(
      () =>
        new Promise<ConnectionTestResult>(resolve => {
          answer = resolve;
        }),
    );
    await renderInTestApp(<ConnectionTestButton onTest={onTest} />);
    const button = screen.getByRole('button', { name: 'Test connection' });
    await userEvent.click(button);
    expect(button).toBeDisabled();
    answer(result);
    expect(await screen.findByText('SDDC Manager: connected')).toBeVisible();
    expect(button).toBeEnabled();
  });

  it('is disabled when the form says so', async () => {
    const onTest = jest.fn();
    await renderInTestApp(<ConnectionTestButton onTest={onTest} disabled />);
    expect(
      screen.getByRole('button', { name: 'Test connection' }),
    ).toBeDisabled();
  });
});

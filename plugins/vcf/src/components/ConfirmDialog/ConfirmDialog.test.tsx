import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ConfirmDialog } from './ConfirmDialog';

function renderDialog(onConfirm: () => Promise<void>, open = true) {
  const onClose = jest.fn();
  renderInTestApp(
    <ConfirmDialog
      open={open}
      title="Delete environment Lab?"
      confirmLabel="Delete"
      onConfirm={onConfirm}
      onClose={onClose}
    >
      Its credentials and sync history are removed.
    </ConfirmDialog>,
  );
  return onClose;
}

describe('ConfirmDialog', () => {
  it('asks the question, named by its title', async () => {
    renderDialog(jest.fn());
    const dialog = screen.getByRole('dialog', {
      name: 'Delete environment Lab?',
    });
    expect(
      within(dialog).getByText('Its credentials and sync history are removed.'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('button', { name: 'Delete' }),
    ).toBeEnabled();
  });

  it('shows nothing when closed', async () => {
    renderDialog(jest.fn(), false);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('closes on Cancel without running the action', async () => {
    const onConfirm = jest.fn();
    const onClose = renderDialog(onConfirm);
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(onConfirm).not.toHaveBeenCalled();
  });

  it('runs the action, disables both buttons meanwhile, then closes', async () => {
    let finish: () => void = () => {};
    const onConfirm = jest.fn(
      () =>
        new Promise<void>(resolve => {
          finish = resolve;
        }),
    );
    const onClose = renderDialog(onConfirm);
    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));

    expect(onConfirm).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('button', { name: 'Delete' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeDisabled();
    expect(onClose).not.toHaveBeenCalled();

    finish();
    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
  });

  it('stays open and shows why when the action fails, and lets the user try again', async () => {
    const onConfirm = jest
      .fn()
      .mockRejectedValueOnce(new Error('The environment is still syncing'))
      .mockResolvedValueOnce(undefined);
    const onClose = renderDialog(onConfirm);

    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    expect(
      await screen.findByText('The environment is still syncing'),
    ).toBeInTheDocument();
    expect(onClose).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Delete' })).toBeEnabled();

    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
    expect(
      screen.queryByText('The environment is still syncing'),
    ).not.toBeInTheDocument();
  });
});

import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { createTheme } from '@material-ui/core/styles';
import { expiryColor } from './expiryColors';
import { ExpiryChip } from './ExpiryChip';

describe('ExpiryChip', () => {
  it('names the severity with a compact distance to the expiry date', async () => {
    const inNinetyDays = new Date(Date.now() + 91 * 86_400_000).toISOString();
    await renderInTestApp(
      <ExpiryChip status="EXPIRING" expiryDate={inNinetyDays} />,
    );
    const chip = screen.getByText('expiring · in 3 mo');
    expect(chip.closest('[data-expiry]')).toHaveAttribute(
      'data-expiry',
      'expiring',
    );
  });

  it('gives expired, expiring and ok three different colours', () => {
    const lightTheme = createTheme();
    const colors = (['expired', 'expiring', 'ok'] as const).map(severity =>
      expiryColor(lightTheme, severity),
    );
    expect(new Set(colors).size).toBe(3);
    expect(colors[0]).toBe(lightTheme.palette.error.main);
    expect(colors[1]).toBe(lightTheme.palette.warning.main);
  });

  it('shows a dash when the expiry is not known', async () => {
    await renderInTestApp(<ExpiryChip status={undefined} />);
    expect(screen.getByText('–')).toBeInTheDocument();
  });
});

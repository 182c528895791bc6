import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { createTheme } from '@material-ui/core/styles';
import { expiryColor } from './expiryColors';
import { ExpiryChip } from './ExpiryChip';

describe('ExpiryChip', () => {
  it('says in how many days the password expires, in the colour of its severity', async () => {
    const inTwelveDays = new Date(Date.now() + 12.5 * 86_400_000).toISOString();
    await renderInTestApp(
      <ExpiryChip status="EXPIRING" expiryDate={inTwelveDays} />,
    );
    const chip = screen.getByText('expires in 12 days');
    expect(chip.closest('[data-expiry]')).toHaveAttribute(
      'data-expiry',
      'expiring',
    );
  });

  it('says how many days ago an expired password expired', async () => {
    const threeDaysAgo = new Date(Date.now() - 3.5 * 86_400_000).toISOString();
    await renderInTestApp(
      <ExpiryChip status="EXPIRED" expiryDate={threeDaysAgo} />,
    );
    expect(
      screen.getByText('expired 3 days ago').closest('[data-expiry]'),
    ).toHaveAttribute('data-expiry', 'expired');
  });

  it('names the status when the expiry date is not known', async () => {
    await renderInTestApp(<ExpiryChip status="ACTIVE" />);
    expect(screen.getByText('ok')).toBeInTheDocument();
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

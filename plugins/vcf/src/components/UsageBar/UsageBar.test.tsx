import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { UsageBar, usageLevel } from './UsageBar';

describe('usageLevel', () => {
  it('is green below 75 %, amber below 90 % and red from 90 %', () => {
    expect(usageLevel(0)).toBe('ok');
    expect(usageLevel(74.9)).toBe('ok');
    expect(usageLevel(75)).toBe('warning');
    expect(usageLevel(89.9)).toBe('warning');
    expect(usageLevel(90)).toBe('error');
    expect(usageLevel(100)).toBe('error');
  });
});

describe('UsageBar', () => {
  it('shows the percentage and caption with its level', async () => {
    await renderInTestApp(
      <UsageBar percent={92.4} caption="9.2 TB of 10 TB" label="vsan-ds" />,
    );

    const bar = screen.getByLabelText('vsan-ds: 92%');
    expect(bar).toHaveAttribute('data-usage-level', 'error');
    expect(bar).toHaveTextContent('92% · 9.2 TB of 10 TB');
  });
});

import { renderInTestApp } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { environment } from '../../__testUtils__';
import { EnvironmentDetails } from './EnvironmentDetails';

const mountedRoutes = {
  mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
};

function valueOf(label: string): HTMLElement {
  const term = screen.getByText(label, { selector: 'dt' });
  return term.nextElementSibling as HTMLElement;
}

describe('EnvironmentDetails', () => {
  it('labels each value in one piece and links the owner to its catalog entity', async () => {
    await renderInTestApp(
      <EnvironmentDetails
        environment={environment({
          installer: {
            baseUrl: 'https://installer.lab.example.com',
            username: 'admin@local',
            tls: { verify: false },
            schedule: 'every hour',
            intervalMinutes: 60,
          },
        })}
      />,
      mountedRoutes,
    );

    expect(
      screen.getAllByText('URL', { selector: 'dt' }).map(e => e.textContent),
    ).toEqual(['URL', 'URL']);
    expect(valueOf('ID')).toHaveTextContent('lab');
    expect(screen.getByText('SDDC Manager')).toBeInTheDocument();
    expect(
      screen.getByText('https://sddc-manager.lab.example.com'),
    ).toBeInTheDocument();
    expect(screen.getByText('certificate not verified')).toBeInTheDocument();

    const owner = within(valueOf('Owner')).getByRole('link');
    expect(owner).toHaveAttribute('href', '/catalog/default/group/vcf-admins');
    expect(owner).toHaveTextContent('vcf-admins');
    expect(owner).not.toHaveTextContent('group:default/');
  });

  it('shows an owner that is not an entity ref as text', async () => {
    await renderInTestApp(
      <EnvironmentDetails environment={environment({ owner: 'a b/c:d:e' })} />,
      mountedRoutes,
    );
    expect(valueOf('Owner')).toHaveTextContent('a b/c:d:e');
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });

  it('shows a dash when there is no owner', async () => {
    await renderInTestApp(
      <EnvironmentDetails environment={environment({ owner: undefined })} />,
      mountedRoutes,
    );
    expect(valueOf('Owner')).toHaveTextContent('–');
  });
});

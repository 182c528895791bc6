import { Header, Page } from '@backstage/core-components';
import { VcfRouter } from './VcfRouter';

/** The VCF page with its own header, for apps on the legacy frontend system. */
export function LegacyVcfPage() {
  return (
    <Page themeId="tool">
      <Header
        title="VMware Cloud Foundation"
        subtitle="Credentials and vSphere inventory"
      />
      <VcfRouter />
    </Page>
  );
}

import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { vcfAuditReadPermission } from '@vcf-backstage/plugin-vcf-common';
import { Link as RouterLink, useLocation } from 'react-router-dom';
import { useVcfPaths } from '../../hooks/useVcfPaths';

type Section = 'home' | 'inventory' | 'changes' | 'vcenters' | 'audit';

/** Links between the sections of the VCF page; Audit only for `vcf.audit.read`. */
export function VcfNavigation() {
  const paths = useVcfPaths();
  const { pathname } = useLocation();
  const { allowed: canReadAudit } = usePermission({
    permission: vcfAuditReadPermission,
  });

  const sections: Array<{ id: Section; label: string; to: string }> = [
    { id: 'home', label: 'Overview', to: paths.home },
    { id: 'inventory', label: 'Inventory', to: paths.inventory() },
    { id: 'changes', label: 'Changes', to: paths.changes },
    { id: 'vcenters', label: 'vCenters', to: paths.vcenters },
  ];
  if (canReadAudit) {
    sections.push({ id: 'audit', label: 'Audit', to: paths.audit });
  }
  const current =
    sections.find(
      section => section.id !== 'home' && pathname.startsWith(section.to),
    )?.id ?? 'home';

  return (
    <Box marginBottom={3} borderBottom={1} borderColor="divider">
      <Tabs
        value={current}
        indicatorColor="primary"
        textColor="primary"
        aria-label="VCF sections"
      >
        {sections.map(section => (
          <Tab
            key={section.id}
            value={section.id}
            label={section.label}
            component={RouterLink}
            to={section.to}
          />
        ))}
      </Tabs>
    </Box>
  );
}

import { Link } from '@backstage/core-components';
import type { SearchDocument } from '@backstage/plugin-search-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import type { ReactNode } from 'react';
import type { VcfSearchKind } from '@vcf-backstage/plugin-vcf-common';

/** The fields of a VCF search document the list item shows (see the search collator module). */
interface VcfSearchResultDocument extends SearchDocument {
  kind?: VcfSearchKind;
  owner?: string;
  vcenterId?: string;
  environmentId?: string;
  cluster?: string;
  host?: string;
  guestOs?: string;
  ipAddresses?: string[];
  powerState?: string;
}

const KIND_LABELS: Record<VcfSearchKind, string> = {
  environments: 'VCF environment',
  vcenters: 'vCenter',
  clusters: 'Cluster',
  hosts: 'ESXi host',
  datastores: 'Datastore',
  vms: 'Virtual machine',
};

/**
 * Props of {@link VcfSearchResultListItem}.
 * @public
 */
export interface VcfSearchResultListItemProps {
  result?: SearchDocument;
  icon?: ReactNode;
  rank?: number;
}

/**
 * One VCF object (environment, vCenter, cluster, host, datastore or VM) in the search results: its name links
 * to its page; its kind, addresses, guest OS, placement and owner are shown below.
 * @public
 */
export function VcfSearchResultListItem(props: VcfSearchResultListItemProps) {
  const document = props.result as VcfSearchResultDocument | undefined;
  if (!document) return null;
  const details = [
    document.ipAddresses?.join(', '),
    document.guestOs,
    document.cluster && `cluster ${document.cluster}`,
    document.host && `host ${document.host}`,
    document.vcenterId && `vCenter ${document.vcenterId}`,
    document.environmentId &&
      document.kind !== 'environments' &&
      `environment ${document.environmentId}`,
  ].filter(Boolean);
  return (
    <ListItem alignItems="flex-start" divider>
      {props.icon && <ListItemIcon>{props.icon}</ListItemIcon>}
      <ListItemText
        primary={<Link to={document.location}>{document.title}</Link>}
        secondary={
          <>
            {details.join(' · ') || document.text}
            <Box component="span" display="flex" mt={0.5} style={{ gap: 4 }}>
              {document.kind && (
                <Chip
                  size="small"
                  label={KIND_LABELS[document.kind] ?? document.kind}
                />
              )}
              {document.powerState && (
                <Chip
                  size="small"
                  variant="outlined"
                  label={document.powerState}
                />
              )}
              {document.owner && (
                <Chip
                  size="small"
                  variant="outlined"
                  label={`owner: ${document.owner}`}
                />
              )}
            </Box>
          </>
        }
        secondaryTypographyProps={{ component: 'div' }}
      />
    </ListItem>
  );
}

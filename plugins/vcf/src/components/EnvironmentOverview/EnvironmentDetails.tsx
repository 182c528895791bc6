import { StructuredMetadataTable } from '@backstage/core-components';
import type {
  EndpointSummary,
  VcfEnvironment,
} from '@vcf-backstage/plugin-vcf-common';

function endpointMetadata(endpoint: EndpointSummary) {
  return {
    url: endpoint.baseUrl,
    'service account': endpoint.username,
    schedule: endpoint.schedule,
    TLS:
      endpoint.tls.verify === false
        ? 'certificate not verified'
        : `verified${endpoint.tls.ca ? ' against the configured CA' : ''}`,
  };
}

/** The definition of an environment: owner, origin and endpoints (never a password). */
export function EnvironmentDetails(props: { environment: VcfEnvironment }) {
  const { environment } = props;
  const metadata: Record<string, unknown> = {
    id: environment.id,
    owner: environment.owner ?? '–',
    'defined in':
      environment.managedBy === 'config'
        ? 'app-config.yaml (read-only)'
        : 'the VCF plugin (API)',
    'vCenter discovery': environment.discoverVcenters ? 'on' : 'off',
  };
  if (environment.sddcManager) {
    metadata['SDDC Manager'] = endpointMetadata(environment.sddcManager);
  }
  if (environment.installer) {
    metadata['VCF Installer'] = endpointMetadata(environment.installer);
  }
  return <StructuredMetadataTable metadata={metadata} />;
}

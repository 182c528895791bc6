import { InfoCard, Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Divider from '@material-ui/core/Divider';
import type { VcfEnvironment } from '@vcf-backstage/plugin-vcf-common';
import { useOptionalVcfPaths } from '../../hooks/useVcfPaths';
import {
  CredentialCounts,
  EnvironmentSyncButton,
  EnvironmentSyncStatus,
} from '../EnvironmentStatus';

/** Props of {@link EnvironmentCard}. */
export interface EnvironmentCardProps {
  environment: VcfEnvironment;
  /** Called after a manual sync has finished, to reload the environment. */
  onSynced?(): void;
  /** Card title; the environment title by default. */
  title?: string;
}

/**
 * One environment at a glance: per-source sync state (with the last error), credential
 * counts, "Sync now", and a link to its page.
 */
export function EnvironmentCard(props: EnvironmentCardProps) {
  const { environment, onSynced, title } = props;
  const paths = useOptionalVcfPaths();
  return (
    <section
      aria-label={environment.title}
      data-testid={`vcf-environment-${environment.id}`}
    >
      <InfoCard
        title={title ?? environment.title}
        subheader={environment.description}
        deepLink={
          paths
            ? {
                link: paths.environment(environment.id),
                title: 'Open environment',
              }
            : undefined
        }
      >
        <EnvironmentSyncStatus environment={environment} />
        <Box marginY={2}>
          <Divider />
        </Box>
        <CredentialCounts environment={environment} />
        <Box
          marginTop={2}
          display="flex"
          justifyContent="space-between"
          alignItems="flex-start"
        >
          <EnvironmentSyncButton
            environment={environment}
            onFinished={onSynced}
          />
          {paths && (
            <Link to={paths.environment(environment.id, 'credentials')}>
              Credentials
            </Link>
          )}
        </Box>
      </InfoCard>
    </section>
  );
}

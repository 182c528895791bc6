import { InfoCard, Progress } from '@backstage/core-components';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import {
  getVcfEnvironmentId,
  VCF_ENVIRONMENT_ANNOTATION,
} from '@vcf-backstage/plugin-vcf-common';
import { EnvironmentCard } from '../EnvironmentCard';
import {
  EnvironmentLoadError,
  useEnvironment,
} from '../EntityVcfEnvironmentContent';

function Card(props: { environmentId: string }) {
  const { value, loading, error, retry } = useEnvironment(props.environmentId);
  if (loading && !value) {
    return (
      <InfoCard title="VCF environment">
        <Progress />
      </InfoCard>
    );
  }
  if (error || !value) {
    return (
      <InfoCard title="VCF environment">
        <EnvironmentLoadError
          environmentId={props.environmentId}
          error={error ?? new Error('No environment')}
        />
      </InfoCard>
    );
  }
  return (
    <EnvironmentCard
      environment={value}
      title={`VCF environment: ${value.title}`}
      onSynced={retry}
    />
  );
}

/**
 * Sync status and credential counts of the entity's VCF environment, linking to its page.
 */
export function EntityVcfEnvironmentCard() {
  const { entity } = useEntity();
  const environmentId = getVcfEnvironmentId(entity);
  if (!environmentId) {
    return (
      <MissingAnnotationEmptyState annotation={VCF_ENVIRONMENT_ANNOTATION} />
    );
  }
  return <Card environmentId={environmentId} />;
}

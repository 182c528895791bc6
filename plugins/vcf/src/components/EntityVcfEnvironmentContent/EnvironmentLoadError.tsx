import { EmptyState, ResponseErrorPanel } from '@backstage/core-components';
import { ResponseError } from '@backstage/errors';
import { VCF_ENVIRONMENT_ANNOTATION } from '@vcf-backstage/plugin-vcf-common';

/** Why an entity's environment could not be shown, with what to do about it. */
export function EnvironmentLoadError(props: {
  environmentId: string;
  error: Error;
}) {
  const { environmentId, error } = props;
  if (error instanceof ResponseError && error.statusCode === 404) {
    return (
      <EmptyState
        missing="data"
        title={`There is no VCF environment "${environmentId}"`}
        description={`Check the ${VCF_ENVIRONMENT_ANNOTATION} annotation of this entity: it must name the id of an environment in vcf.environments or one added on the VCF page.`}
      />
    );
  }
  return <ResponseErrorPanel error={error} />;
}

export { EntityVcfEnvironmentContent } from './EntityVcfEnvironmentContent';
export { EnvironmentLoadError } from './EnvironmentLoadError';
export { useEnvironment } from './useEnvironment';

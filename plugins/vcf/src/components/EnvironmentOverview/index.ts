export { EnvironmentOverview } from './EnvironmentOverview';
export type { EnvironmentOverviewProps } from './EnvironmentOverview';
export { EnvironmentDetails } from './EnvironmentDetails';

export { EnvironmentSettings } from './EnvironmentSettings';
export type { EnvironmentSettingsProps } from './EnvironmentSettings';

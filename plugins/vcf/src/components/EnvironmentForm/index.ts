export { EnvironmentForm } from './EnvironmentForm';
export type { EnvironmentFormProps } from './EnvironmentForm';
export { AddEnvironmentButton } from './AddEnvironmentButton';

export { EntityVcfEnvironmentCard } from './EntityVcfEnvironmentCard';

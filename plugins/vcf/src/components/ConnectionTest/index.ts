export { ConnectionTestButton, ConnectionTestResults } from './ConnectionTest';

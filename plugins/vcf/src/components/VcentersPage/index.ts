export { VcentersPage } from './VcentersPage';

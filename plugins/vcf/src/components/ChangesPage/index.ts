export { ChangesPage } from './ChangesPage';
export { ChangeTable } from './ChangeTable';

export { InventoryDetailPage } from './InventoryDetailPage';

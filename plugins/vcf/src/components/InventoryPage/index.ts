export { InventoryPage, InventoryBrowser } from './InventoryPage';
export { InventoryView } from './InventoryView';
export { INVENTORY_VIEWS } from './views';

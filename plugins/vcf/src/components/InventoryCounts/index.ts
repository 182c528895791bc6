export { InventoryCounts, InventoryCountsGrid } from './InventoryCounts';

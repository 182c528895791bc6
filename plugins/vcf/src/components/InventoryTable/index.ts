export { InventoryTable } from './InventoryTable';
export type { InventoryTableProps } from './InventoryTable';
export { inventoryLists } from './inventoryColumns';
export type { InventoryListDefinition } from './inventoryColumns';
export { AlarmSeverityChip, PowerStateChip } from './chips';

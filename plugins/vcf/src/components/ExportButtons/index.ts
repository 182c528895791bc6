export { ExportButtons } from './ExportButtons';
export type { ExportButtonsProps } from './ExportButtons';

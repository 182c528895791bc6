export { VcenterDialog, vcenterInputOf } from './VcenterDialog';
export type { VcenterDialogProps } from './VcenterDialog';

export { EndpointFields } from './EndpointFields';
export type { EndpointFieldsProps } from './EndpointFields';
export {
  afterSave,
  toEndpointDraft,
  toEndpointInput,
  validateEndpoint,
} from './endpoint';
export type { EndpointDraft } from './endpoint';

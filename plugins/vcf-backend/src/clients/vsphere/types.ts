/**
 * A vSphere managed object reference, e.g. `{ type: 'VirtualMachine', value: 'vm-42' }`.
 * @internal
 */
export interface ManagedObjectReference {
  type: string;
  value: string;
}

/**
 * A node of a parsed SOAP response, as fast-xml-parser returns it: a string for a simple element without
 * attributes, otherwise an object whose keys are child element names, `@_`-prefixed attributes (`@_type`,
 * `@_xsi:type`) and `#text`. Read it with the helpers of `vimValues`.
 * @internal
 */
export type VimNode = string | { [key: string]: unknown };

/**
 * One object of a PropertyCollector result: its reference, the requested properties that have a value (keyed by
 * property path) and the paths the server could not read.
 * @internal
 */
export interface ObjectContent {
  obj: ManagedObjectReference;
  props: Map<string, VimNode>;
  /** Paths reported in `missingSet`, with the fault type, e.g. `{ path: 'config', fault: 'NoPermission' }`. */
  missing: Array<{ path: string; fault: string }>;
}

/**
 * The parts of the vCenter ServiceContent this client uses.
 * @internal
 */
export interface VimServiceContent {
  rootFolder: ManagedObjectReference;
  propertyCollector: ManagedObjectReference;
  viewManager: ManagedObjectReference;
  sessionManager: ManagedObjectReference;
  taskManager?: ManagedObjectReference;
  eventManager?: ManagedObjectReference;
  alarmManager?: ManagedObjectReference;
  about: {
    fullName: string;
    apiVersion: string;
    instanceUuid?: string;
    apiType?: string;
  };
}

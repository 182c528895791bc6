import type { ManagedObjectReference, VimNode } from './types';

/*
 * Readers of values in parsed vim25 responses. A node is a string (simple element) or an object with child
 * elements, attributes ("@_type", "@_xsi:type") and "#text". Elements that may repeat arrive as an array when they
 * repeat and as a single node otherwise, hence asArray.
 */

type NodeObject = { [key: string]: unknown };

function isObject(node: unknown): node is NodeObject {
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}

/**
 * The node or nodes of an element that may repeat, always as an array.
 * @internal
 */
export function asArray<T = VimNode>(node: unknown): T[] {
  if (node === undefined || node === null || node === '') return [];
  return (Array.isArray(node) ? node : [node]) as T[];
}

/**
 * A child of a complex node, following a dotted path (`summary.hardware.cpuMhz`).
 * @internal
 */
export function child(node: unknown, path: string): VimNode | undefined {
  let current: unknown = node;
  for (const name of path.split('.')) {
    if (!isObject(current)) return undefined;
    current = current[name];
  }
  return current as VimNode | undefined;
}

/**
 * The text of a simple node (`undefined` when absent).
 * @internal
 */
export function readString(node: unknown): string | undefined {
  if (node === undefined || node === null) return undefined;
  if (typeof node === 'string') return node;
  if (isObject(node)) {
    const text = node['#text'];
    if (typeof text === 'string') return text;
    if (typeof text === 'number') return String(text);
    // An element with attributes and no text, e.g. <val xsi:type="xsd:string"></val>.
    return Object.keys(node).every(k => k.startsWith('@_')) ? '' : undefined;
  }
  return undefined;
}

/**
 * A number (int, long, short) or `undefined` when absent or not a number.
 * @internal
 */
export function readNumber(node: unknown): number | undefined {
  const text = readString(node);
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * A boolean (`true`/`false`, also `1`/`0`) or `undefined` when absent.
 * @internal
 */
export function readBoolean(node: unknown): boolean | undefined {
  const text = readString(node)?.trim();
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  return undefined;
}

/**
 * A dateTime as an ISO 8601 string in UTC, or `undefined`.
 * @internal
 */
export function readDate(node: unknown): string | undefined {
  const text = readString(node);
  if (!text) return undefined;
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** Made with `new`, not as a literal: see the comment at the top of vimXmlParser.ts. */
class ReadMoRef implements ManagedObjectReference {
  constructor(readonly type: string, readonly value: string) {}
}

/**
 * A managed object reference (`<x type="HostSystem">host-1</x>`), or `undefined`.
 * @internal
 */
export function readMoRef(node: unknown): ManagedObjectReference | undefined {
  if (!isObject(node)) return undefined;
  const type = node['@_type'];
  const value = readString(node);
  if (typeof type !== 'string' || value === undefined) return undefined;
  return new ReadMoRef(type, value);
}

/**
 * A copy of a reference whose strings keep nothing of its page alive (see {@link detached}).
 * @internal
 */
export function detachedMoRef(
  ref: ManagedObjectReference,
): ManagedObjectReference {
  return new ReadMoRef(internedType(ref.type), detached(ref.value));
}

/** One copy of each managed object type name (a few dozen), shared by every reference kept. */
const typeNames = new Map<string, string>();

function internedType(type: string): string {
  let copy = typeNames.get(type);
  if (copy === undefined) {
    copy = detached(type);
    typeNames.set(copy, copy);
  }
  return copy;
}

/**
 * A list of references: an `ArrayOfManagedObjectReference` value or repeated reference elements.
 * @internal
 */
export function readMoRefs(node: unknown): ManagedObjectReference[] {
  const items =
    isObject(node) && 'ManagedObjectReference' in node
      ? node.ManagedObjectReference
      : node;
  return asArray(items)
    .map(readMoRef)
    .filter((ref): ref is ManagedObjectReference => ref !== undefined);
}

/**
 * A list of strings: an `ArrayOfString` value or repeated elements.
 * @internal
 */
export function readStrings(node: unknown): string[] {
  const items = isObject(node) && 'string' in node ? node.string : node;
  return asArray(items)
    .map(readString)
    .filter((s): s is string => s !== undefined);
}

/**
 * The items of an `ArrayOf<Type>` value (e.g. `ArrayOfGuestNicInfo` → its `GuestNicInfo` elements), or of a
 * repeated element.
 * @internal
 */
export function readArrayOf(node: unknown, itemType: string): VimNode[] {
  if (isObject(node)) {
    if (itemType in node) return asArray(node[itemType]);
    // An empty array arrives as `<val xsi:type="ArrayOfX"/>`: attributes only, no items.
    if (Object.keys(node).every(key => key.startsWith('@_') || key === '#text'))
      return [];
  }
  return asArray(node);
}

/**
 * The `xsi:type` of a node, e.g. `VmPoweredOnEvent`. Servers may bind the XML Schema instance namespace to any
 * prefix (Go's encoder writes `XMLSchema-instance:type`); the only prefixed `type` attribute in vim25 is that one.
 * @internal
 */
export function xsiType(node: unknown): string | undefined {
  if (!isObject(node)) return undefined;
  let type = node['@_xsi:type'];
  if (type === undefined) {
    const key = Object.keys(node).find(
      k =>
        k.startsWith('@_') && k.endsWith(':type') && !k.startsWith('@_xmlns'),
    );
    type = key ? node[key] : undefined;
  }
  return typeof type === 'string' ? type.replace(/^[^:]*:/, '') : undefined;
}

/**
 * The key of a reference for maps: `type:value`.
 * @internal
 */
export function moRefKey(ref: ManagedObjectReference): string {
  return `${ref.type}:${ref.value}`;
}

/**
 * A copy of a string, for one kept after its page is gone. V8 makes a substring a view of the whole string it was
 * cut from, so a name parsed from a page would otherwise keep the page's entire response text alive.
 * @internal
 */
export function detached(text: string): string {
  // Parsed from a string of its own, so it can refer to nothing else. (Through a Buffer, as before, each copy
  // took a slice of Buffer's shared pool, whose 8 KiB blocks then outlived many young-generation collections.)
  return JSON.parse(JSON.stringify(text));
}

/**
 * {@link detached} for an optional string.
 * @internal
 */
export function detachedOrUndefined(
  text: string | undefined,
): string | undefined {
  return text === undefined ? undefined : detached(text);
}

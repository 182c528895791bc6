import type { ManagedObjectReference } from './types';
import { parseVimXml } from './vimXmlParser';

/**
 * Escapes text for an XML element or attribute value. Every string that goes into a request passes through it.
 * @internal
 */
export function escapeXml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * A value of a request element: strings, numbers and booleans become escaped text, a
 * {@link ManagedObjectReference} becomes `<x type="T">value</x>`, arrays repeat the element, `undefined` leaves it
 * out and an {@link XmlFragment} is inserted as is.
 * @internal
 */
export type XmlValue =
  | string
  | number
  | boolean
  | undefined
  | XmlFragment
  | ManagedObjectReference
  | XmlValue[];

/**
 * Request XML built by {@link xmlElement} and {@link xmlChildren}, inserted without escaping. Build fragments with
 * those functions only, so that every value is escaped.
 * @internal
 */
export class XmlFragment {
  constructor(readonly xml: string) {}
}

function isMoRef(value: unknown): value is ManagedObjectReference {
  return (
    typeof value === 'object' &&
    value !== null &&
    !(value instanceof XmlFragment) &&
    !Array.isArray(value) &&
    typeof (value as ManagedObjectReference).type === 'string' &&
    typeof (value as ManagedObjectReference).value === 'string'
  );
}

/**
 * One element (repeated for an array value). `xsiType` adds `xsi:type`, for polymorphic values such as a
 * TraversalSpec in a selectSet.
 * @internal
 */
export function xmlElement(
  name: string,
  value: XmlValue,
  xsiType?: string,
): XmlFragment {
  if (Array.isArray(value)) {
    return new XmlFragment(
      value.map(v => xmlElement(name, v, xsiType).xml).join(''),
    );
  }
  if (value === undefined) return new XmlFragment('');
  const typeAttribute = xsiType ? ` xsi:type="${escapeXml(xsiType)}"` : '';
  if (value instanceof XmlFragment) {
    return new XmlFragment(`<${name}${typeAttribute}>${value.xml}</${name}>`);
  }
  if (isMoRef(value)) {
    return new XmlFragment(
      `<${name}${typeAttribute} type="${escapeXml(value.type)}">${escapeXml(
        value.value,
      )}</${name}>`,
    );
  }
  return new XmlFragment(
    `<${name}${typeAttribute}>${escapeXml(String(value))}</${name}>`,
  );
}

/**
 * Child elements given as `[name, value]` pairs or fragments, in order (the vim25 WSDL is order sensitive).
 * @internal
 */
export function xmlChildren(
  children: Array<[string, XmlValue] | XmlFragment>,
): XmlFragment {
  return new XmlFragment(
    children
      .map(child =>
        child instanceof XmlFragment
          ? child.xml
          : xmlElement(child[0], child[1]).xml,
      )
      .join(''),
  );
}

/**
 * The SOAP envelope of a vim25 method call on `thisRef`.
 * @internal
 */
export function soapRequest(
  method: string,
  thisRef: ManagedObjectReference,
  parameters: XmlFragment = new XmlFragment(''),
): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"' +
    ' xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<soapenv:Body><${method} xmlns="urn:vim25">${
      xmlElement('_this', thisRef).xml
    }${parameters.xml}</${method}>` +
    '</soapenv:Body></soapenv:Envelope>'
  );
}

/**
 * Parses a SOAP response and returns its Body, or undefined when the text is not a SOAP envelope.
 * @internal
 */
export function parseSoapBody(
  text: string,
): Record<string, unknown> | undefined {
  let document: Record<string, unknown>;
  try {
    document = parseVimXml(text);
  } catch {
    return undefined;
  }
  const envelope = document?.Envelope as Record<string, unknown> | undefined;
  const body = envelope?.Body;
  return typeof body === 'object' && body !== null
    ? (body as Record<string, unknown>)
    : undefined;
}

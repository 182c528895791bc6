/*
 * Turns vim25 SOAP responses into plain objects, with saxes (a streaming, spec-conforming XML parser) doing the
 * parsing. A page of 1,000 VMs is several megabytes of XML; building the tree straight from saxes' events is
 * several times faster than a general-purpose object builder such as fast-xml-parser on such pages.
 *
 * The result has the shape of fast-xml-parser's (with attributeNamePrefix "@_", textNodeName "#text"), which the
 * readers in vimValues expect:
 *   - a leaf element without attributes is its text ('' when empty);
 *   - a leaf element with attributes is { '@_name': value, ..., '#text': text } (no '#text' when empty);
 *   - an element with child elements is an object of its children and attributes; a child that repeats becomes an
 *     array;
 *   - element name prefixes (soapenv:, vim25:) are removed; attribute names keep theirs (xsi:type).
 */
import { SaxesParser } from 'saxes';

type Children = Record<string, unknown>;

interface Frame {
  name: string;
  attributes: Children | undefined;
  children: Children | undefined;
  text: string;
}

const ENTITY = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

/**
 * Decodes the predefined entities and character references of XML text (for the continuation token, which the
 * pager reads before the page is parsed).
 * @internal
 */
export function decodeXmlText(text: string): string {
  if (text.indexOf('&') === -1) return text;
  return text.replace(
    ENTITY,
    (match, hex: string, dec: string, named: string) => {
      if (named) return NAMED[named];
      const code = hex ? parseInt(hex, 16) : parseInt(dec, 10);
      try {
        return String.fromCodePoint(code);
      } catch {
        return match;
      }
    },
  );
}

function addChild(parent: Frame, name: string, value: unknown): void {
  const children = (parent.children ??= {});
  const existing = children[name];
  if (existing === undefined) {
    children[name] = value;
  } else if (Array.isArray(existing)) {
    // An element's own value is never an array, so an array here was made by repetition.
    existing.push(value);
  } else {
    children[name] = [existing, value];
  }
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

/**
 * Parses an XML document into plain objects (see the file comment for the shape). Throws on malformed input.
 * @internal
 */
export function parseVimXml(xml: string): Children {
  const root: Frame = {
    name: '',
    attributes: undefined,
    children: undefined,
    text: '',
  };
  const stack: Frame[] = [root];
  const parser = new SaxesParser();
  parser.on('opentag', tag => {
    let attributes: Children | undefined;
    for (const name in tag.attributes) {
      if (Object.prototype.hasOwnProperty.call(tag.attributes, name)) {
        (attributes ??= {})[`@_${name}`] = tag.attributes[name];
      }
    }
    stack.push({
      name: localName(tag.name),
      attributes,
      children: undefined,
      text: '',
    });
  });
  parser.on('text', text => {
    if (stack.length > 1) stack[stack.length - 1].text += text;
  });
  parser.on('cdata', text => {
    stack[stack.length - 1].text += text;
  });
  parser.on('closetag', () => {
    const frame = stack.pop()!;
    addChild(stack[stack.length - 1], frame.name, valueOf(frame));
  });
  parser.on('error', error => {
    throw error;
  });
  parser.write(xml).close();
  return root.children ?? {};
}

function valueOf(frame: Frame): unknown {
  if (frame.children) {
    return frame.attributes
      ? Object.assign(frame.children, frame.attributes)
      : frame.children;
  }
  const text = frame.text;
  if (!frame.attributes) return text;
  if (text !== '') frame.attributes['#text'] = text;
  return frame.attributes;
}

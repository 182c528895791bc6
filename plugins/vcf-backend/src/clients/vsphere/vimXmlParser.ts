/*
 * A small, fast XML parser for vim25 SOAP responses.
 *
 * A page of 1,000 VMs is several megabytes of XML; a general-purpose parser spent most of an inventory fetch's
 * time building and collecting intermediate objects. vim25 responses use a narrow part of XML (elements,
 * attributes, text, the five predefined entities and character references, no mixed content, no DTD), so this
 * parser scans the text once with indexOf and builds the result directly.
 *
 * The result has the shape of fast-xml-parser's (with attributeNamePrefix "@_", textNodeName "#text"), which the
 * readers in vimValues expect:
 *   - a leaf element without attributes is its text ('' when empty);
 *   - a leaf element with attributes is { '@_name': value, ..., '#text': text } (no '#text' when empty);
 *   - an element with child elements is an object of its children and attributes; a child that repeats becomes an
 *     array;
 *   - element name prefixes (soapenv:, vim25:) are removed; attribute names keep theirs (xsi:type).
 */

type Children = Record<string, unknown>;

interface Frame {
  name: string;
  attributes: Children | undefined;
  children: Children | undefined;
  text: string;
}

const ENTITY = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Decodes the predefined entities and character references of XML text.
 * @internal
 */
export function decodeXmlText(text: string): string {
  return decodeEntities(text);
}

function decodeEntities(text: string): string {
  if (text.indexOf('&') === -1) return text;
  return text.replace(ENTITY, (match, hex: string, dec: string, named: string) => {
    if (named) return NAMED[named];
    const code = hex ? parseInt(hex, 16) : parseInt(dec, 10);
    try {
      return String.fromCodePoint(code);
    } catch {
      return match;
    }
  });
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

function isNameEnd(code: number): boolean {
  // whitespace, '/', '>'
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 47 || code === 62;
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
  const root: Frame = { name: '', attributes: undefined, children: undefined, text: '' };
  const stack: Frame[] = [root];
  let current = root;
  let i = 0;
  const length = xml.length;

  while (i < length) {
    const lt = xml.indexOf('<', i);
    if (lt === -1) {
      if (stack.length > 1) throw new Error('Unexpected end of XML');
      break;
    }
    if (lt > i && stack.length > 1) current.text += xml.slice(i, lt);
    const next = xml.charCodeAt(lt + 1);

    if (next === 47 /* / */) {
      const gt = xml.indexOf('>', lt + 2);
      if (gt === -1) throw new Error('Unterminated end tag');
      const name = localName(xml.slice(lt + 2, gt).trim());
      if (name !== current.name || stack.length === 1) {
        throw new Error(`Mismatched end tag </${name}>`);
      }
      stack.pop();
      const parent = stack[stack.length - 1];
      addChild(parent, current.name, valueOf(current));
      current = parent;
      i = gt + 1;
      continue;
    }
    if (next === 63 /* ? */) {
      const end = xml.indexOf('?>', lt + 2);
      if (end === -1) throw new Error('Unterminated processing instruction');
      i = end + 2;
      continue;
    }
    if (next === 33 /* ! */) {
      if (xml.startsWith('<!--', lt)) {
        const end = xml.indexOf('-->', lt + 4);
        if (end === -1) throw new Error('Unterminated comment');
        i = end + 3;
      } else if (xml.startsWith('<![CDATA[', lt)) {
        const end = xml.indexOf(']]>', lt + 9);
        if (end === -1) throw new Error('Unterminated CDATA section');
        // CDATA is literal text: escape its ampersands so that entity decoding restores them unchanged.
        current.text += xml.slice(lt + 9, end).replace(/&/g, '&amp;');
        i = end + 3;
      } else {
        throw new Error('Unsupported markup declaration');
      }
      continue;
    }

    // Start tag.
    let j = lt + 1;
    while (j < length && !isNameEnd(xml.charCodeAt(j))) j++;
    const name = localName(xml.slice(lt + 1, j));
    if (!name) throw new Error('Empty element name');
    let attributes: Children | undefined;
    let selfClosing = false;
    for (;;) {
      while (j < length) {
        const c = xml.charCodeAt(j);
        if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
        j++;
      }
      if (j >= length) throw new Error(`Unterminated start tag <${name}>`);
      const c = xml.charCodeAt(j);
      if (c === 62 /* > */) {
        j++;
        break;
      }
      if (c === 47 /* / */) {
        if (xml.charCodeAt(j + 1) !== 62) throw new Error(`Malformed start tag <${name}>`);
        selfClosing = true;
        j += 2;
        break;
      }
      const eq = xml.indexOf('=', j);
      if (eq === -1) throw new Error(`Malformed attribute in <${name}>`);
      const attributeName = xml.slice(j, eq).trim();
      let q = eq + 1;
      while (q < length && (xml.charCodeAt(q) === 32 || xml.charCodeAt(q) === 9)) q++;
      const quote = xml[q];
      if (quote !== '"' && quote !== "'") throw new Error(`Unquoted attribute in <${name}>`);
      const close = xml.indexOf(quote, q + 1);
      if (close === -1) throw new Error(`Unterminated attribute in <${name}>`);
      (attributes ??= {})[`@_${attributeName}`] = decodeEntities(xml.slice(q + 1, close));
      j = close + 1;
    }

    const frame: Frame = { name, attributes, children: undefined, text: '' };
    if (selfClosing) {
      addChild(current, name, valueOf(frame));
    } else {
      stack.push(frame);
      current = frame;
    }
    i = j;
  }
  if (stack.length > 1) throw new Error(`Unclosed element <${current.name}>`);
  return root.children ?? {};
}

function valueOf(frame: Frame): unknown {
  if (frame.children) {
    return frame.attributes ? Object.assign(frame.children, frame.attributes) : frame.children;
  }
  const text = decodeEntities(frame.text);
  if (!frame.attributes) return text;
  if (text !== '') frame.attributes['#text'] = text;
  return frame.attributes;
}

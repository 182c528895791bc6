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
 *
 * VimXmlStream takes the document in chunks as they come off the network and can hand chosen elements (the
 * objects of a PropertyCollector page) to a callback one by one, so that no page exists as one string or tree.
 */
import { SaxesParser } from 'saxes';

/*
 * The objects of a tree are made with `new`, never with object literals, and so are the references and objects
 * read from it (vimValues, PropertyCollectorPager). V8 tracks where each literal allocates, and when a literal's
 * objects outlive a few young-generation collections (the hosts, networks and folders an inventory fetch keeps
 * while it reads the VMs), it allocates that literal's later objects straight into the old generation
 * ("allocation-site pretenuring"). The VMs parsed after them are garbage a moment later but would then fill the
 * old generation, and drag what they point to there too, until a full collection: at 10,000 VMs, about 100 MiB of
 * peak memory (see bench/inventory/README.md). Objects made by a constructor are not tracked that way.
 */

/** An element with attributes or children (see the file comment for its keys). */
class VimElement {
  [key: string]: unknown;
}

type Children = VimElement;

class Frame {
  children: Children | undefined = undefined;
  text = '';

  constructor(
    readonly name: string,
    readonly attributes: Children | undefined,
    /** Whether this element lies on the path whose children a {@link VimXmlHandOver} takes. */
    readonly onPath: boolean,
  ) {}
}

function addChild(parent: Frame, name: string, value: unknown): void {
  const children = (parent.children ??= new VimElement());
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
 * Where a {@link VimXmlStream} hands elements over instead of putting them in its tree: each child element of the
 * element at `parentPath` (local names from the document element down; `*` matches any name) goes to `onChild`
 * as soon as it is complete, and is not kept.
 * @internal
 */
export interface VimXmlHandOver {
  parentPath: readonly string[];
  onChild(name: string, value: unknown): void;
}

/**
 * An XML document parsed as it arrives: {@link VimXmlStream.write} its text in chunks of any size (a chunk may end
 * anywhere, mid-tag or mid-entity), then {@link VimXmlStream.close} returns the tree (see the file comment for the
 * shape). With a {@link VimXmlHandOver}, the elements it names leave through its callback instead, so a response
 * of thousands of objects never exists as one tree. Throws on malformed input, from `write` or `close`.
 * @internal
 */
export class VimXmlStream {
  private readonly root = new Frame('', undefined, true);
  private readonly stack: Frame[] = [this.root];
  private readonly parser = new SaxesParser();

  constructor(handOver?: VimXmlHandOver) {
    const stack = this.stack;
    const path = handOver?.parentPath;
    this.parser.on('opentag', tag => {
      let attributes: Children | undefined;
      for (const name in tag.attributes) {
        if (Object.prototype.hasOwnProperty.call(tag.attributes, name)) {
          (attributes ??= new VimElement())[`@_${name}`] = tag.attributes[name];
        }
      }
      const name = localName(tag.name);
      const depth = stack.length;
      const onPath =
        path !== undefined &&
        stack[depth - 1].onPath &&
        depth <= path.length &&
        (path[depth - 1] === '*' || path[depth - 1] === name);
      stack.push(new Frame(name, attributes, onPath));
    });
    this.parser.on('text', text => {
      if (stack.length > 1) stack[stack.length - 1].text += text;
    });
    this.parser.on('cdata', text => {
      stack[stack.length - 1].text += text;
    });
    this.parser.on('closetag', () => {
      const frame = stack.pop()!;
      const parent = stack[stack.length - 1];
      if (parent.onPath && stack.length - 1 === path?.length) {
        handOver!.onChild(frame.name, valueOf(frame));
      } else {
        addChild(parent, frame.name, valueOf(frame));
      }
    });
    this.parser.on('error', error => {
      throw error;
    });
  }

  /** Parses the next piece of the document. */
  write(chunk: string): this {
    this.parser.write(chunk);
    return this;
  }

  /** Ends the document (throws if it is incomplete) and returns its tree, without the handed-over elements. */
  close(): Children {
    this.parser.close();
    return this.root.children ?? new VimElement();
  }
}

/**
 * Parses an XML document into plain objects (see the file comment for the shape). Throws on malformed input.
 * @internal
 */
export function parseVimXml(xml: string): Children {
  return new VimXmlStream().write(xml).close();
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

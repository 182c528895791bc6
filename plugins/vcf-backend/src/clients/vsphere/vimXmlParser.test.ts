import { XMLParser } from 'fast-xml-parser';
import { parseVimXml, VimXmlStream } from './vimXmlParser';

// The shape the readers in vimValues were written for: fast-xml-parser's, configured like this.
const reference = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  htmlEntities: true,
  ignoreDeclaration: true,
  transformTagName: tag => tag.replace(/^[^:]*:/, ''),
});

const RETRIEVE_RESULT = `<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/" xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body><RetrievePropertiesExResponse xmlns="urn:vim25"><returnval><token>tok&amp;1</token><objects><obj type="VirtualMachine">vm-1</obj><propSet><name>name</name><val xsi:type="xsd:string"> web &lt;01&gt; &#34;a&#34;&#xA;b &#x1F600;</val></propSet><propSet><name>datastore</name><val xsi:type="ArrayOfManagedObjectReference"><ManagedObjectReference type="Datastore">ds-1</ManagedObjectReference><ManagedObjectReference type="Datastore">ds-2</ManagedObjectReference></val></propSet><propSet><name>config.template</name><val xsi:type="xsd:boolean">false</val></propSet><propSet><name>empty</name><val xsi:type="xsd:string"></val></propSet><propSet><name>guest.net</name><val xsi:type="ArrayOfGuestNicInfo"><GuestNicInfo><network>VM Network</network><ipAddress>10.0.0.1</ipAddress><ipAddress>fd00::1</ipAddress><connected>true</connected><deviceConfigId>4000</deviceConfigId></GuestNicInfo></val></propSet><missingSet><path>config.foo</path><fault><fault xsi:type="InvalidProperty"><name>config.foo</name></fault><localizedMessage></localizedMessage></fault></missingSet></objects><objects><obj type="VirtualMachine">vm-2</obj><propSet><name>name</name><val xsi:type="xsd:string">007</val></propSet><selfClosing/></objects></returnval></RetrievePropertiesExResponse></soapenv:Body></soapenv:Envelope>`;

const GO_ENCODED_EVENT = `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><QueryEventsResponse xmlns="urn:vim25"><returnval xmlns:XMLSchema-instance="http://www.w3.org/2001/XMLSchema-instance" XMLSchema-instance:type="VmPoweredOnEvent"><key>7</key><vm><name>vm &apos;a&apos;</name><vm type="VirtualMachine">vm-1</vm></vm></returnval></QueryEventsResponse></soapenv:Body></soapenv:Envelope>`;

describe('parseVimXml', () => {
  it.each([
    ['a paged RetrieveResult', RETRIEVE_RESULT],
    ['a Go-encoded event with its own xsi prefix', GO_ENCODED_EVENT],
  ])('builds the same tree as fast-xml-parser for %s', (_name, xml) => {
    expect(parseVimXml(xml)).toEqual(reference.parse(xml));
  });

  it('decodes entities and character references once', () => {
    const body = parseVimXml(
      '<a><b>&amp;lt; &#60; &#x3C; &quot;</b><c x="&lt;&amp;&gt;"/></a>',
    );
    expect(body).toEqual({ a: { b: '&lt; < < "', c: { '@_x': '<&>' } } });
  });

  it('keeps CDATA literally', () => {
    expect(parseVimXml('<a><![CDATA[x &amp; <y>]]></a>')).toEqual({
      a: 'x &amp; <y>',
    });
  });

  it('skips comments and processing instructions', () => {
    expect(
      parseVimXml('<?xml version="1.0"?><!-- c --><a><!-- d --><b>1</b></a>'),
    ).toEqual({ a: { b: '1' } });
  });

  it.each([
    ['an unclosed element', '<a><b>1</b>'],
    ['a mismatched end tag', '<a><b>1</c></a>'],
    ['an unquoted attribute', '<a x=1></a>'],
    ['an unterminated start tag', '<a x="1"'],
    ['a stray end tag', '</a>'],
  ])('rejects %s', (_name, xml) => {
    expect(() => parseVimXml(xml)).toThrow();
  });
});

describe('VimXmlStream', () => {
  const streamed = (pieces: string[]) => {
    const stream = new VimXmlStream();
    for (const piece of pieces) stream.write(piece);
    return stream.close();
  };

  it.each([
    ['a paged RetrieveResult', RETRIEVE_RESULT],
    ['a Go-encoded event', GO_ENCODED_EVENT],
  ])(
    'builds the same tree from %s cut in two anywhere (mid-tag, mid-entity, mid-character)',
    (_name, xml) => {
      const whole = parseVimXml(xml);
      for (let at = 0; at <= xml.length; at++) {
        expect(streamed([xml.slice(0, at), xml.slice(at)])).toEqual(whole);
      }
    },
  );

  it('builds the same tree from a document fed one character at a time', () => {
    expect(streamed([...RETRIEVE_RESULT])).toEqual(
      parseVimXml(RETRIEVE_RESULT),
    );
  });

  it('hands over each child of the chosen element as soon as it closes, and keeps it out of the tree', () => {
    const handed: Array<[string, unknown, boolean]> = [];
    let closed = false;
    const stream = new VimXmlStream({
      parentPath: ['Envelope', 'Body', '*', 'returnval'],
      onChild: (name, value) => handed.push([name, value, closed]),
    });
    const cut = RETRIEVE_RESULT.lastIndexOf('<objects>');
    stream.write(RETRIEVE_RESULT.slice(0, cut));
    // The token and the first object are complete: both were handed over before the rest arrived.
    expect(handed.map(([name]) => name)).toEqual(['token', 'objects']);
    stream.write(RETRIEVE_RESULT.slice(cut));
    closed = true;
    const tree = stream.close();

    const whole = parseVimXml(RETRIEVE_RESULT) as any;
    const returnval =
      whole.Envelope.Body.RetrievePropertiesExResponse.returnval;
    expect(handed).toEqual([
      ['token', returnval.token, false],
      ['objects', returnval.objects[0], false],
      ['objects', returnval.objects[1], false],
    ]);
    expect(
      (tree as any).Envelope.Body.RetrievePropertiesExResponse.returnval,
    ).toBe('');
  });

  it('hands over nothing outside the chosen path', () => {
    const onChild = jest.fn();
    const tree = new VimXmlStream({
      parentPath: ['Envelope', 'Body', 'LoginResponse', 'returnval'],
      onChild,
    })
      .write(GO_ENCODED_EVENT)
      .close();
    expect(onChild).not.toHaveBeenCalled();
    expect(tree).toEqual(parseVimXml(GO_ENCODED_EVENT));
  });

  it('rejects a document that ends early', () => {
    const stream = new VimXmlStream().write(RETRIEVE_RESULT.slice(0, 500));
    expect(() => stream.close()).toThrow();
  });
});

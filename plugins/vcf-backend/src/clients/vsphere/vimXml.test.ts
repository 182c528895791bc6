import {
  propertyFilterSpecXml,
  containerViewTraversal,
} from './propertyFilterSpec';
import {
  escapeXml,
  parseSoapBody,
  soapRequest,
  xmlChildren,
  xmlElement,
} from './vimXml';

describe('request XML', () => {
  it('escapes every value, attributes included', () => {
    const xml = soapRequest(
      'Login',
      { type: 'Session"Manager', value: 'a<b' },
      xmlChildren([
        ['userName', `o'brien & co`],
        ['password', '<p&s"w\'d>]]>'],
      ]),
    );
    expect(xml).toContain('<_this type="Session&quot;Manager">a&lt;b</_this>');
    expect(xml).toContain('<userName>o&apos;brien &amp; co</userName>');
    expect(xml).toContain(
      '<password>&lt;p&amp;s&quot;w&apos;d&gt;]]&gt;</password>',
    );
    // What the server reads back is exactly the original text.
    const body = parseSoapBody(xml);
    expect((body?.Login as Record<string, unknown>).password).toBe(
      '<p&s"w\'d>]]>',
    );
  });

  it('writes a PropertyFilterSpec in WSDL order with a typed traversal', () => {
    const xml = propertyFilterSpecXml({
      propSet: [{ type: 'VirtualMachine', pathSet: ['name', 'runtime.host'] }],
      objectSet: [
        {
          obj: { type: 'ContainerView', value: 'session[1]view' },
          skip: true,
          selectSet: [containerViewTraversal()],
        },
      ],
    }).xml;
    expect(xml).toBe(
      '<propSet><type>VirtualMachine</type><all>false</all><pathSet>name</pathSet><pathSet>runtime.host</pathSet></propSet>' +
        '<objectSet><obj type="ContainerView">session[1]view</obj><skip>true</skip>' +
        '<selectSet xsi:type="TraversalSpec"><name>traverseView</name><type>ContainerView</type><path>view</path><skip>false</skip></selectSet>' +
        '</objectSet>',
    );
  });

  it('leaves out undefined values and repeats arrays', () => {
    expect(
      xmlChildren([
        ['a', undefined],
        ['b', [1, 2]],
        ['c', true],
      ]).xml,
    ).toBe('<b>1</b><b>2</b><c>true</c>');
    expect(xmlElement('x', 'y', 'xsd:string').xml).toBe(
      '<x xsi:type="xsd:string">y</x>',
    );
  });

  it('escapes the five XML special characters', () => {
    expect(escapeXml(`<&>"'`)).toBe('&lt;&amp;&gt;&quot;&apos;');
  });
});

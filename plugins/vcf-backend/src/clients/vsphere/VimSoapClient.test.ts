import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startVcsim, type VcsimInstance } from '@vcf-backstage/vcsim';
import { UpstreamError } from '../../http/UpstreamError';
import { VimFaultError } from './VimFaultError';
import { VimSoapClient } from './VimSoapClient';
import { xmlChildren } from './vimXml';

async function caught(promise: Promise<unknown>): Promise<UpstreamError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(UpstreamError);
    return error as UpstreamError;
  }
  throw new Error('expected a rejection');
}

describe('VimSoapClient against vcsim', () => {
  let vcsim: VcsimInstance;
  const clients: VimSoapClient[] = [];
  const clientFor = (
    overrides: { password?: string; ca?: string | null; url?: string } = {},
  ) => {
    const client = VimSoapClient.create({
      url: overrides.url ?? vcsim.url,
      username: vcsim.username,
      password: overrides.password ?? vcsim.password,
      tls:
        overrides.ca === null
          ? undefined
          : { ca: overrides.ca ?? vcsim.certificatePem },
      retries: 0,
    });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    vcsim = await startVcsim({ hostsPerCluster: 2, vmsPerHost: 2 });
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map(c => c.close()));
  });

  afterAll(async () => {
    await vcsim?.stop();
  });

  it('reads the service content, logs in with a session cookie and logs out', async () => {
    const client = clientFor();
    const content = await client.connect();
    expect(content.about.apiVersion).toBe('6.5');
    expect(content.about.fullName).toMatch(/vCenter/);
    expect(content.rootFolder).toEqual({ type: 'Folder', value: 'group-d1' });
    expect(client.loginCount).toBe(1);
    expect((await vcsim.stats()).sessions).toBe(1);

    await client.logout();
    expect((await vcsim.stats()).sessions).toBe(0);
  });

  it('refuses a certificate it cannot verify, with a readable TLS error', async () => {
    const error = await caught(clientFor({ ca: null }).connect());
    expect(error.kind).toBe('tls');
    expect(error.message).toMatch(
      /^vCenter 127\.0\.0\.1:\d+'s TLS certificate is not trusted/,
    );
  });

  it('reports a wrong password as a readable auth error that does not contain the password', async () => {
    const password = 'Wr0ng<&>"pass';
    const error = await caught(clientFor({ password }).connect());
    expect(error.kind).toBe('auth');
    expect(error).toBeInstanceOf(VimFaultError);
    expect((error as VimFaultError).faultType).toBe('InvalidLogin');
    expect(error.message).toMatch(
      /^vCenter 127\.0\.0\.1:\d+ rejected the login of "vcsim-user" \(InvalidLogin: Login failure\): check the service account's user name and password$/,
    );
    expect(error.message).not.toContain('Wr0ng');
    expect(JSON.stringify(error)).not.toContain('Wr0ng');
  });

  it('logs in again once when its session was terminated, and carries on', async () => {
    const client = clientFor();
    const content = await client.connect();
    await vcsim.terminateSessions();

    const view = await client.invoke(
      'CreateContainerView',
      content.viewManager,
      xmlChildren([
        ['container', content.rootFolder],
        ['type', 'HostSystem'],
        ['recursive', true],
      ]),
    );
    expect(view).toMatchObject({ '@_type': 'ContainerView' });
    expect(client.loginCount).toBe(2);
    await client.logout();
  });

  it('turns a SOAP fault into a readable, non-retryable error', async () => {
    const client = clientFor();
    const content = await client.connect();
    const error = await caught(
      client.invoke(
        'CreateContainerView',
        content.viewManager,
        xmlChildren([
          ['container', { type: 'Folder', value: 'group-missing' }],
          ['type', 'HostSystem'],
          ['recursive', true],
        ]),
      ),
    );
    expect(error).toBeInstanceOf(VimFaultError);
    expect(error.message).toMatch(
      /^vCenter 127\.0\.0\.1:\d+ answered CreateContainerView with the fault ManagedObjectNotFound \(object Folder:group-missing\)$/,
    );
    expect(error.retryable).toBe(false);
    await client.logout();
  });

  it('reports a vCenter that does not answer as a readable network error', async () => {
    const stopped = await startVcsim({ hostsPerCluster: 1, vmsPerHost: 1 });
    await stopped.stop();
    const error = await caught(
      clientFor({ url: stopped.url, ca: stopped.certificatePem }).connect(),
    );
    expect(error.kind).toBe('network');
    expect(error.message).toMatch(
      /^Could not reach vCenter 127\.0\.0\.1:\d+ for POST \/sdk \(ECONNREFUSED\) \(calling RetrieveServiceContent\)$/,
    );
  });
});

/** A scripted SOAP server that records what the client sends. */
class FakeVcenter {
  readonly requests: Array<{
    method: string;
    soapAction?: string;
    cookie?: string;
    body: string;
  }> = [];
  private server?: Server;

  constructor(
    private readonly answer: (
      method: string,
      body: string,
    ) => {
      status?: number;
      xml: string;
      headers?: Record<string, string>;
      /** Sends the body in pieces of this many bytes (they may split a tag, an entity or a character). */
      chunkBytes?: number;
    },
  ) {}

  async start(): Promise<string> {
    this.server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', chunk => (body += chunk));
      req.on('end', () => {
        const method = /<soapenv:Body><(\w+)/.exec(body)?.[1] ?? '?';
        this.requests.push({
          method,
          soapAction: req.headers.soapaction as string | undefined,
          cookie: req.headers.cookie,
          body,
        });
        const {
          status = 200,
          xml,
          headers = {},
          chunkBytes,
        } = this.answer(method, body);
        res.writeHead(status, { 'content-type': 'text/xml', ...headers });
        const bytes = Buffer.from(xml, 'utf8');
        const size = chunkBytes ?? bytes.length;
        for (let i = 0; i < bytes.length; i += size) {
          res.write(bytes.subarray(i, i + size));
        }
        res.end();
      });
    });
    await new Promise<void>(resolve =>
      this.server!.listen(0, '127.0.0.1', resolve),
    );
    return `http://127.0.0.1:${
      (this.server!.address() as AddressInfo).port
    }/sdk`;
  }

  async stop() {
    await new Promise(resolve => this.server?.close(resolve));
  }
}

const envelope = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;

const SERVICE_CONTENT = envelope(
  '<RetrieveServiceContentResponse xmlns="urn:vim25"><returnval>' +
    '<rootFolder type="Folder">group-d1</rootFolder><propertyCollector type="PropertyCollector">propertyCollector</propertyCollector>' +
    '<viewManager type="ViewManager">ViewManager</viewManager>' +
    '<about><fullName>VMware vCenter Server 8.0.3 build-1</fullName><apiVersion>8.0.3.0</apiVersion></about>' +
    '<sessionManager type="SessionManager">SessionManager</sessionManager></returnval></RetrieveServiceContentResponse>',
);
const LOGIN_OK = envelope(
  '<LoginResponse xmlns="urn:vim25"><returnval><key>k</key></returnval></LoginResponse>',
);
const fault = (type: string, message: string) =>
  envelope(
    `<soapenv:Fault><faultcode>ServerFaultCode</faultcode><faultstring>${message}</faultstring><detail><${type}Fault xmlns="urn:vim25" xsi:type="${type}"></${type}Fault></detail></soapenv:Fault>`,
  );

describe('VimSoapClient protocol details', () => {
  let fake: FakeVcenter | undefined;
  let client: VimSoapClient | undefined;

  afterEach(async () => {
    await client?.close();
    await fake?.stop();
  });

  it("speaks the server's API version and returns the session cookie", async () => {
    fake = new FakeVcenter(method => {
      if (method === 'RetrieveServiceContent') return { xml: SERVICE_CONTENT };
      if (method === 'Login') {
        return {
          xml: LOGIN_OK,
          headers: {
            'set-cookie':
              'vmware_soap_session="52ab"; Path=/; HttpOnly; Secure',
          },
        };
      }
      return {
        xml: envelope(
          `<${method}Response xmlns="urn:vim25"></${method}Response>`,
        ),
      };
    });
    client = VimSoapClient.create({
      url: await fake.start(),
      username: 'u',
      password: 'p',
    });
    await client.connect();
    await client.invoke('DestroyView', { type: 'ContainerView', value: 'v1' });

    expect(fake.requests.map(r => [r.method, r.soapAction, r.cookie])).toEqual([
      ['RetrieveServiceContent', 'urn:vim25/6.5', undefined],
      ['Login', 'urn:vim25/8.0.3.0', undefined],
      ['DestroyView', 'urn:vim25/8.0.3.0', 'vmware_soap_session="52ab"'],
    ]);
  });

  it('never puts the password in an error, even when the server quotes the request', async () => {
    const password = 'S3cret&<pw>';
    fake = new FakeVcenter((method, body) =>
      method === 'RetrieveServiceContent'
        ? { xml: SERVICE_CONTENT }
        : {
            status: 500,
            xml: fault(
              'InvalidRequest',
              `cannot parse ${body.replace(
                /[<>&]/g,
                c => `&#${c.charCodeAt(0)};`,
              )}`,
            ),
          },
    );
    client = VimSoapClient.create({
      url: await fake.start(),
      username: 'u',
      password,
      retries: 0,
    });
    const error = await caught(client.connect());
    expect(error.message).toMatch(
      /answered Login with the fault InvalidRequest: cannot parse/,
    );
    expect(error.message).toContain('<password>***</password>');
    expect(error.message).not.toContain('S3cret');
  });

  it('does not retry SOAP faults, and logs in again only once', async () => {
    fake = new FakeVcenter(method => {
      if (method === 'RetrieveServiceContent') return { xml: SERVICE_CONTENT };
      if (method === 'Login')
        return {
          xml: LOGIN_OK,
          headers: { 'set-cookie': 'vmware_soap_session=1' },
        };
      return {
        status: 500,
        xml: fault('NotAuthenticated', 'The session is not authenticated.'),
      };
    });
    client = VimSoapClient.create({
      url: await fake.start(),
      username: 'u',
      password: 'p',
      retries: 2,
    });
    await client.connect();
    const error = await caught(
      client.invoke('DestroyView', { type: 'ContainerView', value: 'v1' }),
    );
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(
      /did not accept the session for DestroyView \(NotAuthenticated: The session is not authenticated\.\), even after logging in again$/,
    );
    expect(fake.requests.map(r => r.method)).toEqual([
      'RetrieveServiceContent',
      'Login',
      'DestroyView',
      'Login',
      'DestroyView',
    ]);
  });

  it('retries an HTTP 503 that is not a SOAP answer', async () => {
    let unavailable = 1;
    fake = new FakeVcenter(method => {
      if (unavailable-- > 0) return { status: 503, xml: 'proxy busy' };
      return {
        xml: method === 'RetrieveServiceContent' ? SERVICE_CONTENT : LOGIN_OK,
        headers: { 'set-cookie': 'vmware_soap_session=1' },
      };
    });
    client = VimSoapClient.create({
      url: await fake.start(),
      username: 'u',
      password: 'p',
      retries: 1,
    });
    await client.connect();
    expect(fake.requests.map(r => r.method)).toEqual([
      'RetrieveServiceContent',
      'RetrieveServiceContent',
      'Login',
    ]);
  });

  describe('streamed answers', () => {
    const PC = { type: 'PropertyCollector', value: 'propertyCollector' };
    const PAGE = envelope(
      '<RetrievePropertiesExResponse xmlns="urn:vim25"><returnval><token>t&amp;1</token>' +
        '<objects><obj type="VirtualMachine">vm-1</obj><propSet><name>name</name><val xsi:type="xsd:string">café &lt;ö😀&gt;</val></propSet></objects>' +
        '<objects><obj type="VirtualMachine">vm-2</obj><propSet><name>name</name><val xsi:type="xsd:string">b&#x41;r</val></propSet></objects>' +
        '</returnval></RetrievePropertiesExResponse>',
    );
    const connected = async (
      answer: (method: string) => {
        status?: number;
        xml: string;
        chunkBytes?: number;
      },
    ) => {
      fake = new FakeVcenter(method => {
        if (method === 'RetrieveServiceContent')
          return { xml: SERVICE_CONTENT };
        if (method === 'Login')
          return {
            xml: LOGIN_OK,
            headers: { 'set-cookie': 'vmware_soap_session=1' },
          };
        return answer(method);
      });
      client = VimSoapClient.create({
        url: await fake.start(),
        username: 'u',
        password: 'p',
        retries: 0,
      });
      await client.connect();
      return client;
    };

    it.each([1, 3, 7, 64, 100_000])(
      'hands over each child of the returnval once complete, in pieces of %i bytes',
      async chunkBytes => {
        const c = await connected(() => ({ xml: PAGE, chunkBytes }));
        const reply = await c.requestStreamed('RetrievePropertiesEx', PC);
        const children: Array<[string, unknown]> = [];
        await reply.read((name, value) => children.push([name, value]));
        expect(children).toEqual([
          ['token', 't&1'],
          [
            'objects',
            {
              obj: { '@_type': 'VirtualMachine', '#text': 'vm-1' },
              propSet: {
                name: 'name',
                val: {
                  '@_xsi:type': 'xsd:string',
                  '#text': 'café <ö😀>',
                },
              },
            },
          ],
          [
            'objects',
            {
              obj: { '@_type': 'VirtualMachine', '#text': 'vm-2' },
              propSet: {
                name: 'name',
                val: { '@_xsi:type': 'xsd:string', '#text': 'bAr' },
              },
            },
          ],
        ]);
      },
    );

    it('raises a SOAP fault as a VimFaultError before any body is handed over', async () => {
      const c = await connected(() => ({
        status: 500,
        xml: fault('InvalidArgument', 'Invalid token'),
        chunkBytes: 5,
      }));
      const error = await caught(
        c.requestStreamed('ContinueRetrievePropertiesEx', PC),
      );
      expect(error).toBeInstanceOf(VimFaultError);
      expect((error as VimFaultError).faultType).toBe('InvalidArgument');
      expect(error.message).toMatch(
        /answered ContinueRetrievePropertiesEx with the fault InvalidArgument: Invalid token$/,
      );
    });

    it.each([
      ['is cut short', PAGE.slice(0, PAGE.indexOf('vm-2'))],
      [
        'answers another method',
        PAGE.replace(/RetrievePropertiesExResponse/g, 'LoginResponse'),
      ],
      ['is not XML', 'proxy error'],
    ])('rejects an answer that %s as a parse error', async (_name, xml) => {
      const c = await connected(() => ({ xml, chunkBytes: 16 }));
      const reply = await c.requestStreamed('RetrievePropertiesEx', PC);
      const error = await caught(reply.read(() => {}));
      expect(error.kind).toBe('parse');
      expect(error.message).toMatch(
        /sent a response to RetrievePropertiesEx that is not a SOAP RetrievePropertiesExResponse$/,
      );
    });

    it('stops reading when the handler throws, and passes its error on', async () => {
      const c = await connected(() => ({ xml: PAGE, chunkBytes: 8 }));
      const reply = await c.requestStreamed('RetrievePropertiesEx', PC);
      const stop = new Error('sink full');
      const seen: string[] = [];
      await expect(
        reply.read(name => {
          seen.push(name);
          if (name === 'objects') throw stop;
        }),
      ).rejects.toBe(stop);
      expect(seen).toEqual(['token', 'objects']);
    });

    it('awaits afterChunk between pieces: nothing more is parsed until it resolves', async () => {
      const c = await connected(() => ({ xml: PAGE, chunkBytes: 64 }));
      const reply = await c.requestStreamed('RetrievePropertiesEx', PC);
      const seen: string[] = [];
      let pausing = false;
      let pauses = 0;
      await reply.read(
        name => {
          expect(pausing).toBe(false);
          seen.push(name);
        },
        async () => {
          pausing = true;
          pauses++;
          await new Promise(resolve => setImmediate(resolve));
          pausing = false;
        },
      );
      expect(seen).toEqual(['token', 'objects', 'objects']);
      // How many pieces arrive depends on the network; there is at least one.
      expect(pauses).toBeGreaterThanOrEqual(1);
    });

    it('stops reading when afterChunk fails, and passes its error on', async () => {
      const c = await connected(() => ({ xml: PAGE, chunkBytes: 8 }));
      const reply = await c.requestStreamed('RetrievePropertiesEx', PC);
      const full = new Error('database unavailable');
      let calls = 0;
      await expect(
        reply.read(
          () => {},
          async () => {
            calls++;
            throw full;
          },
        ),
      ).rejects.toBe(full);
      expect(calls).toBe(1);
    });
  });
});

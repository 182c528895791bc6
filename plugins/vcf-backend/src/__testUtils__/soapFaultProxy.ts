import { createServer, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';

/**
 * A plain-HTTP proxy in front of a vCenter's SOAP endpoint that sees each call (unlike the TLS-passing
 * {@link CuttingProxy}) and can answer one PropertyCollector retrieval with a SOAP fault, as a vCenter that fails
 * in the middle of a paged read.
 */
export interface SoapFaultProxy {
  /** The SOAP endpoint through the proxy (`http://127.0.0.1:PORT/sdk`). */
  url: string;
  /**
   * The SOAP methods called so far, in order; retrievals as `RetrievePropertiesEx:<first property type>` and
   * `ContinueRetrievePropertiesEx`.
   */
  readonly calls: string[];
  /** Answers the n-th next RetrievePropertiesEx/ContinueRetrievePropertiesEx call with a SystemError fault. */
  failRetrieveCall(n: number): void;
  close(): Promise<void>;
}

const RETRIEVE_CALLS = new Set([
  'RetrievePropertiesEx',
  'ContinueRetrievePropertiesEx',
]);

const FAULT = `<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<soapenv:Body><soapenv:Fault><faultcode>ServerFaultCode</faultcode><faultstring>Injected fault</faultstring>
<detail><SystemErrorFault xmlns="urn:vim25" xsi:type="SystemError"><reason>injected by the test</reason></SystemErrorFault></detail>
</soapenv:Fault></soapenv:Body></soapenv:Envelope>`;

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Starts a {@link SoapFaultProxy} to an `https` vCenter whose certificate is `ca`. */
export async function startSoapFaultProxy(
  upstreamUrl: string,
  ca: string,
): Promise<SoapFaultProxy> {
  const upstream = new URL(upstreamUrl);
  const calls: string[] = [];
  let retrieveCalls = 0;
  let failAt = Infinity;

  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const text = body.toString('utf8');
    const method =
      /<(?:[\w-]+:)?Body[^>]*>\s*<(?:[\w-]+:)?(\w+)/.exec(text)?.[1] ?? '?';
    if (RETRIEVE_CALLS.has(method)) {
      retrieveCalls++;
      const type =
        method === 'RetrievePropertiesEx'
          ? /<propSet>\s*<type>(\w+)<\/type>/.exec(text)?.[1]
          : undefined;
      calls.push(type ? `${method}:${type}` : method);
      if (retrieveCalls === failAt) {
        res.writeHead(500, { 'content-type': 'text/xml; charset=utf-8' });
        res.end(FAULT);
        return;
      }
    } else {
      calls.push(method);
    }
    const headers = { ...req.headers, host: upstream.host };
    const forwarded = httpsRequest(
      {
        hostname: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers,
        ca,
      },
      answer => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forwarded.on('error', () => res.destroy());
    forwarded.end(body);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${upstream.pathname}`,
    calls,
    failRetrieveCall(n: number) {
      failAt = retrieveCalls + n;
    },
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

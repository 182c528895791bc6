import { createConnection, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP proxy in front of an upstream (TLS passes through untouched) that a test can cut: at once, or once the
 * client has sent a given number of bytes, as a vCenter that goes away in the middle of a sync.
 */
export interface CuttingProxy {
  /** The upstream's URL with the proxy's port. */
  url: string;
  /** Bytes the clients sent so far. */
  readonly bytesFromClients: number;
  /** Drops every connection and refuses new ones once clients have sent this many more bytes. */
  cutAfter(bytes: number): void;
  /** Drops every connection and stops listening (the address then refuses connections). */
  close(): Promise<void>;
}

/** Starts a {@link CuttingProxy} to the host and port of `upstreamUrl`. */
export async function startCuttingProxy(
  upstreamUrl: string,
): Promise<CuttingProxy> {
  const upstream = new URL(upstreamUrl);
  const sockets = new Set<Socket>();
  let bytesFromClients = 0;
  let cutAt = Infinity;
  let closing: Promise<void> | undefined;

  const server = createServer(client => {
    const target = createConnection({
      host: upstream.hostname,
      port: Number(upstream.port),
    });
    sockets.add(client).add(target);
    client.on('data', chunk => {
      bytesFromClients += chunk.length;
      if (bytesFromClients >= cutAt) void close();
      else target.write(chunk);
    });
    target.pipe(client);
    const end = () => {
      client.destroy();
      target.destroy();
      sockets.delete(client);
      sockets.delete(target);
    };
    client.on('close', end).on('error', end);
    target.on('close', end).on('error', end);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  function close(): Promise<void> {
    closing ??= new Promise<void>(resolve => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
    return closing;
  }

  const url = new URL(upstreamUrl);
  url.port = String(port);
  return {
    url: url.toString(),
    get bytesFromClients() {
      return bytesFromClients;
    },
    cutAfter(bytes: number) {
      cutAt = bytesFromClients + bytes;
    },
    close,
  };
}

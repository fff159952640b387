/**
 * HTTP proxies on 127.0.0.1 for the proxy tests: a real one (the `proxy` package, as Squid behaves
 * for CONNECT) that counts what it was asked, and a bare server for a proxy that misbehaves.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { createProxy } from 'proxy';

/** A running proxy and what it was asked to do. */
export interface TestProxy {
  /** `http://127.0.0.1:PORT`, for HTTP_PROXY / HTTPS_PROXY. */
  url: string;
  /** The `host:port` of every CONNECT, in order, whether or not it was allowed. */
  connects: string[];
  /** Requests it was asked to forward without a tunnel. */
  forwards: number;
  close(): Promise<void>;
}

/** A real forwarding and tunnelling proxy; `authenticate` decides who may use it (407 otherwise). */
export async function startProxy(authenticate?: (request: IncomingMessage) => boolean): Promise<TestProxy> {
  const server = createProxy(createServer());
  if (authenticate !== undefined) server.authenticate = authenticate;
  return listen(server);
}

/** A proxy whose every CONNECT is answered by `onConnect`, with the client's socket, as it pleases. */
export async function startMisbehavingProxy(onConnect: (socket: Duplex) => void): Promise<TestProxy> {
  const server = createServer();
  server.on('connect', (_request: IncomingMessage, socket: Duplex) => {
    socket.on('error', () => undefined);
    onConnect(socket);
  });
  return listen(server);
}

async function listen(server: Server): Promise<TestProxy> {
  const sockets = new Set<Duplex>();
  const proxy: TestProxy = {
    url: '',
    connects: [],
    forwards: 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
  // Listeners added before the proxy's own, so every request is counted before it is answered.
  server.prependListener('connect', (request: IncomingMessage, socket: Duplex) => {
    proxy.connects.push(request.url ?? '');
    sockets.add(socket);
  });
  server.prependListener('request', () => {
    proxy.forwards += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  proxy.url = `http://127.0.0.1:${address.port}`;
  return proxy;
}

/**
 * A TLS server on 127.0.0.1 with a self-signed certificate (test/support/tls/, for 127.0.0.1 only),
 * to check what happens when a certificate is not trusted and, with `forwardTo`, to put HTTPS in
 * front of the plain-HTTP PHLO simulator.
 */
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { createServer } from 'node:tls';

const TLS_DIR = join(import.meta.dirname, 'tls');

/** The certificate the server presents, for a client that is told to trust it. */
export const TLS_CERT_FILE = join(TLS_DIR, 'cert.pem');

/** A running TLS server and what reached it. */
export interface TlsServer {
  port: number;
  /** TLS handshakes begun: a client that refuses the certificate still starts one. */
  handshakes(): number;
  /** Bytes received after a completed handshake: an HTTP request, if one was ever written. */
  bytesAfterHandshake(): number;
  close(): Promise<void>;
}

/** Starts the server; with `forwardTo`, each connection's plain text goes to that loopback port. */
export async function startTlsServer(options: { forwardTo?: number } = {}): Promise<TlsServer> {
  let handshakes = 0;
  let bytes = 0;
  // Every TCP connection, handshake finished or not, so close() never waits on one.
  const sockets = new Set<Socket>();
  const server = createServer({ key: readFileSync(join(TLS_DIR, 'key.pem')), cert: readFileSync(TLS_CERT_FILE) }, (socket) => {
    socket.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
    });
    socket.on('error', () => undefined);
    if (options.forwardTo === undefined) return;
    const upstream = connect(options.forwardTo, '127.0.0.1');
    upstream.on('error', () => socket.destroy());
    socket.pipe(upstream).pipe(socket);
  });
  server.on('connection', (socket: Socket) => {
    handshakes += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // A client that rejects the certificate aborts the handshake; that is the expected outcome here.
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    handshakes: () => handshakes,
    bytesAfterHandshake: () => bytes,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => {
          resolve();
        });
      }),
  };
}

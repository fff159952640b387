/** One HTTP request to a loopback server, exactly as written, on a connection of its own. */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';

/** One answer read in full. */
export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What a request carries; nothing is added behind the test's back (node:http sends Host itself unless given). */
export interface Ask {
  method?: string;
  path: string;
  headers?: Record<string, string | number>;
  body?: string;
}

/**
 * Sends one request to 127.0.0.1:`port`. No keep-alive: a server that refuses a request without
 * reading its body may close the connection, which must not fail the next request instead.
 */
export function ask(port: number, { method = 'GET', path, headers = {}, body }: Ask): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

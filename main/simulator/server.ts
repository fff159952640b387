/**
 * The PHLO simulator: a real HTTP server on 127.0.0.1 that answers like phlorunner.plivo.com, so
 * tests, demos and a new user's first run exercise Handoff's real HTTP client, retries included.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { text } from 'node:stream/consumers';
import { createCall, EMPTY_MODEL, viewCalls } from './call-model';
import { answerControl } from './control-api';
import { faultAnswer, FaultQueue, isAnswerFault, parseFault } from './faults';
import { phloNotFound, type HttpAnswer } from './http-answer';
import { answerPhlo, type PhloAccount } from './phlo-api';
import type { RecordedRequest, Simulator, SimulatorOptions } from './simulator-types';

export type { LiveCallMember, LiveCallView, MemberRole, MemberState } from './call-model';
export type { Fault } from './faults';
export type { RecordedRequest, Simulator, SimulatorOptions } from './simulator-types';

/** The Auth ID a simulator accepts unless told otherwise: 20 characters starting with MA, like Plivo's. */
export const DEFAULT_AUTH_ID = 'MAHANDOFFSIMULATOR01';
/** The PHLO id of the shared fixtures, so fixture-based tests and the simulator agree. */
const DEFAULT_PHLO_ID = '73d6ab01-a2f6-4a84-850f-21e1d46b30bf';
/** The multi-party call node id of the shared fixtures. */
const DEFAULT_NODE_ID = 'b4b48fc2-f47a-4a93-97c3-749ed9a40fa8';

const HOST = '127.0.0.1';

/** Starts a simulator on 127.0.0.1 and resolves once it accepts connections. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const account: PhloAccount = {
    authId: options.authId ?? DEFAULT_AUTH_ID,
    authToken: options.authToken ?? randomBytes(16).toString('hex'),
    phloId: options.phloId ?? DEFAULT_PHLO_ID,
    nodeId: options.nodeId ?? DEFAULT_NODE_ID,
  };
  let model = EMPTY_MODEL;
  let records: RecordedRequest[] = [];
  const faults = new FaultQueue();
  // Delayed answers still waiting; close() ends them so no timer outlives the server.
  const delays = new Set<() => void>();

  const wait = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        delays.delete(finish);
        resolve();
      };
      const timer = setTimeout(finish, ms);
      delays.add(finish);
    });

  const handlePhlo = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const record: RecordedRequest = {
      method: request.method ?? '',
      path: request.url ?? '',
      headers: headersOf(request),
      rawBody: null,
      body: null,
      receivedAt: new Date().toISOString(),
      status: null,
      applied: false,
    };
    records.push(record);
    const fault = faults.take();
    if (fault?.kind === 'reset' && fault.when === 'before_body') {
      request.socket.destroy();
      return;
    }
    const rawBody = await readBody(request);
    if (rawBody === null) return;
    record.rawBody = rawBody;
    record.body = parseJson(rawBody);
    if (fault !== undefined && isAnswerFault(fault)) {
      record.status = send(request, response, faultAnswer(fault));
      return;
    }
    const outcome = answerPhlo(account, model, {
      method: record.method,
      path: record.path,
      authorization: request.headers.authorization,
      body: record.body,
    });
    model = outcome.model;
    record.applied = outcome.applied;
    if (fault?.kind === 'reset') {
      // Plivo acted, and the answer is lost on the way back.
      request.socket.destroy();
      return;
    }
    if (fault?.kind === 'delay') await wait(fault.ms);
    record.status = send(request, response, outcome.answer);
  };

  const handleControl = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const rawBody = await readBody(request);
    if (rawBody === null) return;
    send(request, response, answerControl(simulator, request.method ?? '', request.url ?? '', parseJson(rawBody)));
  };

  const server = createServer((request, response) => {
    const path = request.url ?? '';
    const handled = path.startsWith('/v1/')
      ? handlePhlo(request, response)
      : path.startsWith('/_sim/')
        ? handleControl(request, response)
        : Promise.resolve(send(request, response, phloNotFound()));
    handled.catch((error: unknown) => {
      // A simulator bug must show up in the test output, not take the whole run down.
      process.stderr.write(`PHLO simulator: request handler failed: ${String(error)}\n`);
      response.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The simulator is not listening on a TCP port.');
  const url = `http://${HOST}:${String(address.port)}`;

  let closing: Promise<void> | undefined;
  const simulator: Simulator = {
    url,
    baseUrl: `${url}/v1/`,
    ...account,
    createCall(agent, customer) {
      const transition = createCall(model, agent, customer);
      if (!transition.ok) throw new Error(transition.error);
      model = transition.model;
      return transition.call;
    },
    calls: () => viewCalls(model),
    requests: () => structuredClone(records),
    clearRequests() {
      records = [];
    },
    injectFault(fault) {
      const parsed = parseFault(fault);
      if (!parsed.ok) throw new Error(parsed.error);
      faults.push(parsed.fault);
    },
    clearFaults() {
      faults.clear();
    },
    reset() {
      model = EMPTY_MODEL;
      records = [];
      faults.clear();
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
        for (const finish of [...delays]) finish();
      });
      return closing;
    },
  };
  return simulator;
}

// Writes the answer unless the client is gone; returns the status sent, or null.
function send(request: IncomingMessage, response: ServerResponse, answer: HttpAnswer): number | null {
  if (request.socket.destroyed) return null;
  response.writeHead(answer.status, answer.headers);
  response.end(answer.body);
  return answer.status;
}

// The body text, or null when the client went away before sending all of it.
async function readBody(request: IncomingMessage): Promise<string | null> {
  try {
    return await text(request);
  } catch {
    return null;
  }
}

function parseJson(raw: string): unknown {
  try {
    const value: unknown = JSON.parse(raw);
    return value;
  } catch {
    return null;
  }
}

function headersOf(request: IncomingMessage): Record<string, string> {
  return Object.fromEntries(
    Object.entries(request.headers).flatMap(([name, value]) =>
      value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : value]],
    ),
  );
}

/**
 * The simulator's public shapes, apart from the server, so the control endpoint can depend on them
 * without importing the server that depends on it.
 */
import type { LiveCallView } from './call-model';
import type { Fault } from './faults';

/** How to start a simulator; every field has a default that matches the fixtures. */
export interface SimulatorOptions {
  /** 0 (the default) picks a free port; the host is always 127.0.0.1. */
  port?: number;
  authId?: string;
  /** Defaults to 32 random hex characters, new on every start. */
  authToken?: string;
  phloId?: string;
  nodeId?: string;
}

/** A running simulator, with the handles a test needs to set up calls, inject faults and inspect traffic. */
export interface Simulator {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** `url + '/v1/'`: what Handoff takes as its PHLO base URL. */
  readonly baseUrl: string;
  readonly authId: string;
  readonly authToken: string;
  readonly phloId: string;
  readonly nodeId: string;
  /** Starts a live call with both members connected; throws if either is already on a live call. */
  createCall(agent: string, customer: string): LiveCallView;
  /** Snapshot copies of every live call. */
  calls(): LiveCallView[];
  /** Copies of every PHLO API request received (paths under /v1/), in arrival order. */
  requests(): RecordedRequest[];
  clearRequests(): void;
  /** Queues a fault; each PHLO API request consumes one use of the head fault. */
  injectFault(fault: Fault): void;
  clearFaults(): void;
  /** Empties calls, requests and faults. */
  reset(): void;
  /** Closes the server and every open socket; safe to call more than once. */
  close(): Promise<void>;
}

/** One PHLO API request as it reached the simulator, and what became of it. */
export interface RecordedRequest {
  method: string;
  /** Exactly as received: still percent-encoded, with any query string. */
  path: string;
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** null when the connection was reset before the body was read. */
  rawBody: string | null;
  /** The parsed JSON body, or null. */
  body: unknown;
  receivedAt: string;
  /** The status answered; null when no answer was written (reset, or the client went away). */
  status: number | null;
  /** Whether the action changed the call model. */
  applied: boolean;
}

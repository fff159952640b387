/**
 * The control endpoint under /_sim/: the same handles a test has in-process, over HTTP, so a demo or
 * a new user can start a live call with curl. Unauthenticated, which is safe only because the
 * simulator listens on 127.0.0.1.
 */
import * as v from 'valibot';
import { parseFault } from './faults';
import { jsonAnswer, noContent, type HttpAnswer } from './http-answer';
import type { Simulator } from './simulator-types';

const NewCallSchema = v.object({ agent: v.string(), customer: v.string() });

/** Answers one request under /_sim/; `body` is the parsed JSON body, or null. */
export function answerControl(simulator: Simulator, method: string, path: string, body: unknown): HttpAnswer {
  const route = `${method} ${path.split('?')[0] ?? ''}`;
  switch (route) {
    case 'GET /_sim/calls':
      return jsonAnswer(200, simulator.calls());
    case 'POST /_sim/calls':
      return createCall(simulator, body);
    case 'GET /_sim/requests':
      return jsonAnswer(200, simulator.requests());
    case 'DELETE /_sim/requests':
      simulator.clearRequests();
      return noContent();
    case 'POST /_sim/faults': {
      const parsed = parseFault(body);
      if (!parsed.ok) return jsonAnswer(400, { error: parsed.error });
      simulator.injectFault(parsed.fault);
      return noContent();
    }
    case 'DELETE /_sim/faults':
      simulator.clearFaults();
      return noContent();
    case 'POST /_sim/reset':
      simulator.reset();
      return noContent();
    default:
      return jsonAnswer(404, { error: `There is no control endpoint ${route}.` });
  }
}

function createCall(simulator: Simulator, body: unknown): HttpAnswer {
  const parsed = v.safeParse(NewCallSchema, body);
  if (!parsed.success) return jsonAnswer(400, { error: 'The body must be JSON: {"agent": "<address>", "customer": "<address>"}.' });
  try {
    return jsonAnswer(201, simulator.createCall(parsed.output.agent, parsed.output.customer));
  } catch (error) {
    // createCall throws only to refuse its input: an address in use or not an address at all.
    return jsonAnswer(400, { error: error instanceof Error ? error.message : String(error) });
  }
}

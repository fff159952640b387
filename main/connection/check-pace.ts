// In a module of its own, free of Node, so the window's words about the pace read the numbers the core uses.

/**
 * The pace while a call is open: one read every 30 to 60 s, picked afresh each time. Plivo allows
 * 300 requests per 5 s per account, shared by every agent and every action: at one read per 30 s at
 * worst, even 100 agents on calls use 3.3 reads per 5 s, about 1% of it. The jitter keeps agents who
 * opened calls at the same moment (a shift start, a network coming back) from reading in step.
 */
export const CHECK_PACE = { minMs: 30_000, maxMs: 60_000 } as const;

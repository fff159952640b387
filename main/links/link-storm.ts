/**
 * A burst of links (a CRM looping, a script gone wrong, something hostile) must not flicker the
 * window through a hundred calls: links are gathered until the stream goes quiet (or a cap is
 * reached, so an endless stream still yields one) and only the last is acted on, with a count of
 * the others. Whether it may act alone is for the replace rule, which a burst never satisfies.
 */

/** How long without a link before the last one is taken, and the longest a burst is gathered. */
export interface StormTiming {
  quietMs: number;
  maxMs: number;
}

/** Short enough to feel immediate after a click in a CRM, long enough to catch a loop. */
export const STORM_TIMING: StormTiming = { quietMs: 250, maxMs: 2000 };

/** Gathers links; `settle` gets the last one and how many others were ignored. */
export function createLinkStorm(settle: (last: string, ignored: number) => void, timing: StormTiming = STORM_TIMING) {
  let last: string | null = null;
  let count = 0;
  let quiet: ReturnType<typeof setTimeout> | null = null;
  let cap: ReturnType<typeof setTimeout> | null = null;
  let waiting: (() => void)[] = [];

  function reset(): void {
    if (quiet !== null) clearTimeout(quiet);
    if (cap !== null) clearTimeout(cap);
    quiet = null;
    cap = null;
    last = null;
    count = 0;
    const done = waiting;
    waiting = [];
    for (const resolve of done) resolve();
  }

  function flush(): void {
    const link = last;
    const ignored = count - 1;
    try {
      if (link !== null) settle(link, ignored);
    } finally {
      reset();
    }
  }

  return {
    /** Takes one link as it arrived; resolves once its burst is settled (or dropped at shutdown). */
    push(link: string): Promise<void> {
      last = link;
      count += 1;
      if (quiet !== null) clearTimeout(quiet);
      quiet = setTimeout(flush, timing.quietMs);
      cap ??= setTimeout(flush, timing.maxMs);
      return new Promise((resolve) => waiting.push(resolve));
    },
    /** Drops what is gathered, at shutdown. */
    stop: reset,
  };
}

/**
 * Elapsed times as agents read them on a call: `m:ss`, and `h:mm:ss` past an hour. The core stamps
 * each state with its own clock; the window counts from that with its own.
 */

/**
 * The time since `since` (ISO 8601) at `now`. A clock set back (the machine's time changed) or an
 * unreadable stamp shows 0:00, never a negative or absurd time.
 */
export function elapsed(since: string, now: number): string {
  const start = Date.parse(since);
  const seconds = Number.isNaN(start) ? 0 : Math.max(0, Math.floor((now - start) / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/**
 * Elapsed times as agents read them on a call: minutes and seconds (`0:40` in English), and hours
 * too past an hour (`1:02:05`), in the agent's language's own digits and separators
 * (Intl.DurationFormat). The core stamps each state with its own clock; the window counts from
 * that with its own.
 */
import { words } from './i18n.svelte';

// TypeScript's lib does not know Intl.DurationFormat yet (Chromium has it since 129).
interface DurationFormat {
  format(duration: { hours?: number; minutes?: number; seconds?: number }): string;
}
type DurationFormatConstructor = new (tag: string, options: Record<string, string>) => DurationFormat;
const DurationFormatImpl = (Intl as { DurationFormat?: DurationFormatConstructor }).DurationFormat;

/** One pair of formatters per language: under an hour (`m:ss`) and from an hour on (`h:mm:ss`). */
const formats = new Map<string, { short: DurationFormat; long: DurationFormat } | null>();

function formatsFor(tag: string): { short: DurationFormat; long: DurationFormat } | null {
  let found = formats.get(tag);
  if (found === undefined) {
    found =
      DurationFormatImpl === undefined
        ? null
        : {
            short: new DurationFormatImpl(tag, { minutes: 'numeric', seconds: '2-digit' }),
            long: new DurationFormatImpl(tag, { style: 'digital' }),
          };
    formats.set(tag, found);
  }
  return found;
}

/** A number of seconds as a clock reads it: `m:ss`, or `h:mm:ss` past an hour, in the language's digits. */
export function minutesAndSeconds(total: number): string {
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const format = formatsFor(words.current.tag);
  if (format !== null) return h > 0 ? format.long.format({ hours: h, minutes: m, seconds: s }) : format.short.format({ minutes: m, seconds: s });
  // Without Intl.DurationFormat: the digits the page would show anyway.
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${String(h)}:${pad(m)}:${pad(s)}` : `${String(m)}:${pad(s)}`;
}

/**
 * The time since `since` (ISO 8601) at `now`. A clock set back (the machine's time changed) or an
 * unreadable stamp shows 0:00, never a negative or absurd time.
 */
export function elapsed(since: string, now: number): string {
  const start = Date.parse(since);
  return minutesAndSeconds(Number.isNaN(start) ? 0 : Math.max(0, Math.floor((now - start) / 1000)));
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const plural = (count: number, unit: string) =>
  `${count} ${unit}${count === 1 ? '' : 's'}`;

/** A duration in the largest unit that reads well: "40 minutes", "5 hours", "3 days". */
export function formatDuration(ms: number): string {
  if (ms < MINUTE) return 'less than a minute';
  if (ms < HOUR) return plural(Math.floor(ms / MINUTE), 'minute');
  if (ms < 2 * DAY) return plural(Math.floor(ms / HOUR), 'hour');
  return plural(Math.floor(ms / DAY), 'day');
}

/** Time since an ISO timestamp, as a duration. */
export const durationSince = (iso: string, now: number = Date.now()) =>
  formatDuration(Math.max(0, now - Date.parse(iso)));

/** "3 days ago" / "in 5 days". */
export function relativeTime(iso: string, now: number = Date.now()): string {
  const delta = Date.parse(iso) - now;
  if (Math.abs(delta) < MINUTE) return 'just now';
  return delta < 0
    ? `${formatDuration(-delta)} ago`
    : `in ${formatDuration(delta)}`;
}

/** A timestamp for people: "2026-11-23 14:05 UTC" in the browser's time zone. */
export function formatTimestamp(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
}

/** The day of a timestamp: "23 Nov 2026". */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString(undefined, { dateStyle: 'medium' });
}

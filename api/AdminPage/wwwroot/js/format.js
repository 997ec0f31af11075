// How times, fingerprints and statuses read on the page.

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** "23 Nov 2026, 14:02:11", or "never" for a missing time. */
export function formatTime(iso) {
  if (!iso) return 'never';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : dateTime.format(date);
}

/** "2 min ago" (or "in 30 s") style, for times that are usually near. */
export function ago(iso) {
  if (!iso) return 'never';
  const seconds = Math.round((Date.now() - new Date(iso).getTime()) / 1000);
  const span = Math.abs(seconds);
  if (span < 5) return 'just now';
  const text = span < 60 ? `${span} s` : span < 3600 ? `${Math.round(span / 60)} min` : span < 86400 ? `${Math.round(span / 3600)} h` : null;
  if (text === null) return formatTime(iso);
  return seconds > 0 ? `${text} ago` : `in ${text}`;
}

/** "3 entries", "1 entry". */
export function count(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

/** A <time> element with the exact time as its tooltip. */
export function timeText(iso, text = ago(iso)) {
  const element = document.createElement('time');
  if (iso) {
    element.dateTime = iso;
    element.title = formatTime(iso);
  }
  element.textContent = text;
  return element;
}

/** The first 16 characters of a fingerprint, enough to compare by eye; the full value is in the title. */
export function shortFingerprint(fingerprint) {
  if (!fingerprint) return '';
  return fingerprint.length > 24 ? `${fingerprint.slice(0, 23)}…` : fingerprint;
}

/** How a key's status reads: missing / pending / active vN / revoked / declined. */
export function keyStatusLabel(status, version) {
  switch (status) {
    case 'not-requested': return 'missing';
    case 'active': return `active v${version}`;
    case 'revoked': return 'revoked';
    default: return status;
  }
}

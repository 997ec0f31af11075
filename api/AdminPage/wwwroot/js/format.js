// How times, fingerprints and statuses read on the page.

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** "23 Nov 2026, 14:02:11", or "never" for a missing time. */
export function formatTime(iso) {
  if (!iso) return 'never';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : dateTime.format(date);
}

/** "2 min ago" style, for times that are usually recent. */
export function ago(iso) {
  if (!iso) return 'never';
  const seconds = Math.round((Date.now() - new Date(iso).getTime()) / 1000);
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.round(seconds / 3600)} h ago`;
  return formatTime(iso);
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

/** How a key's status reads: missing / pending / active vN / revoked. */
export function keyStatusLabel(status, version) {
  switch (status) {
    case 'not-requested': return 'missing';
    case 'active': return `active v${version}`;
    case 'revoked': return 'revoked';
    default: return status;
  }
}

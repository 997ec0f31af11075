// Guidance while a runtime's OpenClaw gateway has not yet picked up the last key change (health.gatewayReload).

import { h } from '../../dom.js';
import { formatTime, timeText } from '../../format.js';

/** A notice for a reload that is pending or retrying; null while the gateway is up to date. */
export function gatewayNotice(runtimeId, reload) {
  if (!reload || reload.state === 'idle') return null;
  const facts = [
    reload.reason ? `Reason: ${reload.reason}` : null,
    `Attempts: ${reload.attempts}`,
    reload.lastError ? `Last error: ${reload.lastError.replace(/\.$/, '')}` : null,
  ].filter(Boolean).join('. ');
  return h('div', { class: 'banner banner-warn', 'data-notice': 'gateway-reload' },
    h('p', {}, h('strong', {}, 'Gateway reload pending. '),
      `${runtimeId} has changed its secret file, but its OpenClaw gateway has not reloaded its secrets yet`,
      reload.pendingSince ? [' (waiting since ', timeText(reload.pendingSince, formatTime(reload.pendingSince)), ')'] : null,
      '. Agents keep the previous value until it does; the host keeps retrying by itself',
      reload.nextAttemptAt ? [', next ', timeText(reload.nextAttemptAt)] : null, '.'),
    h('p', { class: 'muted' }, `${facts}.`),
    h('p', {}, 'If it stays pending: check that the gateway is running and that OPENCLAW_GATEWAY_TOKEN on the runtime host matches it, ',
      'or run ', h('code', {}, 'openclaw secrets reload'), ' on the host.'));
}

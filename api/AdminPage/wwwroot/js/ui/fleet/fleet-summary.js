// The fleet's headline figures, for the whole platform whatever page is shown: runtimes, how many answer, keys
// waiting for an admin and since when the oldest has waited, accounts.

import { h, replace } from '../../dom.js';
import { ago, timeText } from '../../format.js';

export class FleetSummary {
  element = h('dl', { class: 'fleet-summary' });

  update(summary) {
    const notAnswering = summary.unknown + summary.offline;
    replace(this.element,
      figure('runtimes', 'Runtimes', summary.runtimes),
      figure('online', 'Online', summary.online),
      figure('offline', 'Offline or not answering', notAnswering, notAnswering > 0 ? 'warn' : null),
      figure('keys-waiting', 'Keys waiting', summary.keysWaiting, summary.keysWaiting > 0 ? 'warn' : null),
      figure('oldest-request', 'Oldest request',
        summary.oldestKeyWaitingSince ? timeText(summary.oldestKeyWaitingSince, ago(summary.oldestKeyWaitingSince)) : 'none'),
      figure('accounts', 'Accounts', summary.accounts));
  }
}

function figure(name, label, value, tone) {
  return h('div', { class: tone ? `figure figure-${tone}` : 'figure', 'data-figure': name },
    h('dt', {}, label), h('dd', {}, typeof value === 'number' ? value.toLocaleString('en') : value));
}

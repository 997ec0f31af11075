// The fleet's headline figures: runtimes, how many answer, keys waiting for an admin, accounts.

import { h, replace } from '../../dom.js';

export class FleetSummary {
  element = h('dl', { class: 'fleet-summary' });

  update(runtimes, accounts) {
    const online = runtimes.filter((runtime) => runtime.state === 'online').length;
    const waiting = runtimes.reduce((sum, runtime) => sum + runtime.credentials.pending, 0);
    replace(this.element,
      figure('runtimes', 'Runtimes', runtimes.length),
      figure('online', 'Online', online),
      figure('offline', 'Offline or not answering', runtimes.length - online, runtimes.length > online ? 'warn' : null),
      figure('keys-waiting', 'Keys waiting', waiting, waiting > 0 ? 'warn' : null),
      figure('accounts', 'Accounts', accounts.length));
  }
}

function figure(name, label, value, tone) {
  return h('div', { class: tone ? `figure figure-${tone}` : 'figure', 'data-figure': name },
    h('dt', {}, label), h('dd', {}, value));
}

// The fleet's accounts: members, runtimes and how many of them answer, keys waiting, whether skills are switched on
// (with a switch for it: onToggle(account) is called when a platform admin uses it).

import { h, replace } from '../../dom.js';
import { syncKeyedList } from '../keyed-list.js';

export class AccountsTable {
  #views = new Map();
  #rows = h('tbody');
  #onToggle;

  constructor(onToggle) {
    this.#onToggle = onToggle;
    this.element = h('table', { class: 'runtime-table accounts-table' },
      h('caption', { class: 'visually-hidden' }, 'Accounts'),
      h('thead', {}, h('tr', {}, ['Account', 'Name', 'Skills feature', 'Members', 'Runtimes', 'Online', 'Keys waiting']
        .map((title) => h('th', { scope: 'col' }, title)))),
      this.#rows);
  }

  update(accounts, runtimes) {
    const withListings = accounts.map((account) => ({ ...account, listings: runtimes.filter((runtime) => runtime.account === account.accountId) }));
    syncKeyedList(this.#rows, this.#views, withListings, (account) => account.accountId, () => rowView(this.#onToggle));
  }
}

function rowView(onToggle) {
  const row = h('tr');
  return {
    element: row,
    update(account) {
      row.dataset.account = account.accountId;
      const own = account.listings;
      replace(row,
        h('th', { scope: 'row' }, h('a', { href: `/${encodeURIComponent(account.accountId)}/admin/openclaw` }, account.accountId)),
        h('td', {}, account.displayName),
        h('td', { 'data-column': 'feature', 'data-enabled': String(account.skillsPocEnabled) },
          account.skillsPocEnabled ? 'on ' : h('span', { class: 'muted' }, 'off '),
          h('button', {
            type: 'button',
            class: 'link',
            'aria-label': `${account.skillsPocEnabled ? 'Switch off' : 'Switch on'} for ${account.accountId}`,
            onclick: () => onToggle(account),
          }, account.skillsPocEnabled ? 'Switch off' : 'Switch on')),
        h('td', {}, account.members),
        h('td', {}, account.runtimes),
        h('td', { 'data-column': 'online' }, own.filter((runtime) => runtime.state === 'online').length),
        h('td', { 'data-column': 'keys-waiting' }, own.reduce((sum, runtime) => sum + runtime.credentials.pending, 0)));
    },
  };
}

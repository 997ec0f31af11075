// A page of the fleet's accounts: members, runtimes, keys waiting for an admin, whether skills are switched on (with a
// switch for it: onToggle(account) is called when a platform admin uses it).

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
      h('thead', {}, h('tr', {}, ['Account', 'Name', 'Skills feature', 'Members', 'Runtimes', 'Keys waiting']
        .map((title) => h('th', { scope: 'col' }, title)))),
      this.#rows);
  }

  update(accounts) {
    syncKeyedList(this.#rows, this.#views, accounts, (account) => account.accountId, () => rowView(this.#onToggle));
  }
}

function rowView(onToggle) {
  const row = h('tr');
  return {
    element: row,
    update(account) {
      row.dataset.account = account.accountId;
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
        h('td', { 'data-column': 'runtimes' }, account.runtimes),
        h('td', { 'data-column': 'keys-waiting' }, account.keysWaiting));
    },
  };
}

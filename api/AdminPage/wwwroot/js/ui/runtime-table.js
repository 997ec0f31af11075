// A table of runtimes, a row each: online or not, host, last sync, skills, keys by status and the gateway's last
// reload. The fleet view lists every runtime with its account; an account's Runtimes tab lists its own. Rows are
// kept by runtime id and updated in place, so a screen reader's position and a sort survive each refresh.

import { h, replace } from '../dom.js';
import { count, timeText } from '../format.js';
import { syncKeyedList } from './keyed-list.js';

/** What needs an operator's look: a host that does not answer, keys waiting, broken skills, a failing reload. */
export function attentionReasons(listing) {
  const reasons = [];
  if (listing.state !== 'online') reasons.push(listing.state === 'unknown' ? 'not answering' : 'offline');
  if (listing.registrationError) reasons.push(`registration: ${listing.registrationError}`);
  if (listing.credentials.pending > 0) reasons.push(`${count(listing.credentials.pending, 'key', 'keys')} waiting`);
  if (listing.brokenSkills > 0) reasons.push(`${count(listing.brokenSkills, 'broken skill', 'broken skills')}`);
  if (listing.gatewayReload?.state === 'retrying') reasons.push('gateway reload failing');
  return reasons;
}

export class RuntimeTable {
  #views = new Map();
  #rows = h('tbody');
  #showAccount;
  #accountLink;
  #empty;

  /**
   * @param caption what the table lists (read out by screen readers)
   * @param options { showAccount: add an Account column, accountLink: account id → href or null, empty: text for no rows }
   */
  constructor(caption, { showAccount = false, accountLink = () => null, empty = 'No runtimes.' } = {}) {
    this.#showAccount = showAccount;
    this.#accountLink = accountLink;
    this.#empty = h('p', { class: 'muted', hidden: true }, empty);
    const columns = ['Runtime', showAccount ? 'Account' : null, 'Host', 'State', 'Last sync', 'Skills', 'Keys', 'Gateway reload', 'Needs attention']
      .filter(Boolean);
    this.element = h('div', { class: 'runtime-table-wrap' },
      h('table', { class: 'runtime-table' },
        h('caption', { class: 'visually-hidden' }, caption),
        h('thead', {}, h('tr', {}, columns.map((title) => h('th', { scope: 'col' }, title)))),
        this.#rows),
      this.#empty);
  }

  /** @param listings runtime listings as the API answers them (state possibly overridden by the caller) */
  update(listings) {
    syncKeyedList(this.#rows, this.#views, listings, (listing) => listing.runtime, () => this.#rowView());
    this.#empty.hidden = listings.length > 0;
  }

  #rowView() {
    const row = h('tr');
    return {
      element: row,
      update: (listing) => {
        row.dataset.runtime = listing.runtime;
        row.dataset.state = listing.state;
        row.dataset.account = listing.account ?? '';
        const reasons = attentionReasons(listing);
        row.classList.toggle('needs-attention', reasons.length > 0);
        replace(row,
          h('th', { scope: 'row' }, listing.runtime),
          this.#showAccount ? cell('account', this.#account(listing.account)) : null,
          cell('host', listing.hostName ?? h('span', { class: 'muted' }, 'not registered')),
          cell('state', h('span', { class: `badge badge-${listing.state}` }, stateLabel(listing.state))),
          cell('last-sync', listing.lastSyncAt ? timeText(listing.lastSyncAt) : h('span', { class: 'muted' }, 'never')),
          cell('skills', skillsText(listing)),
          keysCell(listing.credentials),
          cell('gateway-reload', reloadSummary(listing.gatewayReload)),
          cell('attention', reasons.length === 0 ? h('span', { class: 'muted' }, 'nothing') : reasons.join('; ')));
      },
    };
  }

  #account(accountId) {
    if (!accountId) return h('span', { class: 'muted' }, 'none');
    const href = this.#accountLink(accountId);
    return href ? h('a', { href }, accountId) : accountId;
  }
}

function cell(column, ...content) {
  return h('td', { 'data-column': column }, content);
}

function keysCell({ pending, active, revoked }) {
  return h('td', { 'data-column': 'keys', 'data-pending': pending, 'data-active': active, title: `${revoked} revoked` },
    `${pending} pending, ${active} active`);
}

function stateLabel(state) {
  return state === 'unknown' ? 'not answering' : state;
}

function skillsText({ skills, brokenSkills }) {
  if (skills === null || skills === undefined) return h('span', { class: 'muted' }, 'unknown');
  return brokenSkills ? `${skills} (${brokenSkills} broken)` : String(skills);
}

/** The gateway's last reload as one phrase; only a host that answers reports it. */
export function reloadSummary(reload) {
  if (!reload) return h('span', { class: 'muted' }, 'unknown');
  switch (reload.state) {
    case 'idle':
      return reload.lastSuccessAt ? ['reloaded ', timeText(reload.lastSuccessAt)] : 'no reload needed yet';
    case 'retrying':
      return h('span', { class: 'tone-error', title: reload.lastError ?? '' },
        `failing (${count(reload.attempts, 'attempt', 'attempts')})${reload.lastError ? `: ${reload.lastError}` : ''}`);
    default:
      return ['pending since ', timeText(reload.pendingSince)];
  }
}

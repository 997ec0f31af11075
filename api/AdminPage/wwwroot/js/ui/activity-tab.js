// The Activity tab: the account's audit trail, newest first, a page at a time; new rows arrive live on top.

import { h, replace } from '../dom.js';
import { formatTime, shortFingerprint } from '../format.js';
import { agentGuide } from './agent-guide.js';

const PAGE_SIZE = 25;

const ACTIONS = {
  'credential.requested': 'asked for a key',
  'credential.submitted': 'provided a key',
  'credential.rotated': 'rotated a key',
  'credential.revoked': 'revoked a key',
  'credential.declined': 'declined a key request',
  'credential.request_rejected': 'sent a request that was rejected',
  'credential.reconciled': 'brought a key in step with its host',
  'member.set': 'set a member\u2019s role',
  'member.removed': 'removed a member',
  'account.created': 'created the account',
  'runtime.bound': 'bound a runtime',
  'runtime.unbound': 'unbound a runtime',
  'account.settings_changed': 'changed the account\u2019s settings',
  'runtime.identity_refused': 'refused a silo\u2019s claim to host a runtime',
  'skill.installed': 'saw a skill installed',
  'skill.removed': 'saw a skill removed',
};

export class ActivityTab {
  #api;
  #account;
  #entries = [];
  #next = null;
  #loading = false;
  #rows = h('tbody');
  #more = h('button', { type: 'button', onclick: () => this.#loadOlder() }, 'Show older activity');
  #empty = h('p', { class: 'muted', hidden: true }, 'Nothing has happened in this account yet.');

  constructor(api, store) {
    this.#api = api;
    this.#account = store.account;
    store.addEventListener('activity', (event) => this.#prepend(event.detail));
    this.element = h('section', { class: 'tab-panel activity' },
      h('div', { class: 'activity-trail' },
        h('h1', {}, 'Activity'),
        h('table', { class: 'activity-table' },
          h('caption', { class: 'visually-hidden' }, 'Audit trail, newest first'),
          h('thead', {}, h('tr', {}, ['When', 'Who', 'What', 'Key', 'Outcome', 'Details'].map((title) => h('th', { scope: 'col' }, title)))),
          this.#rows),
        this.#empty,
        h('p', {}, this.#more)),
      agentGuide());
  }

  /**
   * Reads the newest page again (on start, reconnect and resync). When it meets the rows already shown, the older
   * pages the admin opened stay; only a gap (more new rows than a page) starts the trail over from the newest.
   */
  async reload() {
    const page = await this.#read(null);
    const known = new Set(this.#entries.map((entry) => entry.id));
    const meets = this.#entries.length > 0 && (page.next === null || page.entries.some((entry) => known.has(entry.id)));
    if (meets) {
      this.#entries = [...page.entries.filter((entry) => !known.has(entry.id)), ...this.#entries].sort((a, b) => b.id - a.id);
    } else {
      this.#entries = page.entries;
      this.#next = page.next;
    }
    this.#render();
  }

  async #loadOlder() {
    if (this.#loading || !this.#next) return;
    this.#loading = true;
    this.#more.disabled = true;
    try {
      const page = await this.#read(this.#next);
      const known = new Set(this.#entries.map((entry) => entry.id));
      this.#entries.push(...page.entries.filter((entry) => !known.has(entry.id)));
      this.#next = page.next;
    } finally {
      this.#loading = false;
      this.#render();
    }
  }

  #read(before) {
    const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
    if (before) query.set('before', before);
    return this.#api.get(`/api/accounts/${encodeURIComponent(this.#account)}/activity?${query}`);
  }

  #prepend(entry) {
    if (this.#entries.some((known) => known.id === entry.id)) return;
    this.#entries.unshift(entry);
    this.#entries.sort((a, b) => b.id - a.id);
    this.#render();
  }

  #render() {
    replace(this.#rows, this.#entries.map(row));
    this.#empty.hidden = this.#entries.length > 0;
    this.#more.hidden = !this.#next;
    this.#more.disabled = this.#loading;
  }
}

function row(entry) {
  const key = entry.credentialRef ? entry.credentialRef.split('/').slice(1).join(' / ') : entry.runtimeId ?? '';
  return h('tr', { 'data-activity-id': entry.id },
    h('td', {}, h('time', { datetime: entry.occurredAt }, formatTime(entry.occurredAt))),
    h('td', {}, entry.actor, h('span', { class: 'muted' }, ` (${entry.actorKind})`)),
    h('td', {}, ACTIONS[entry.action] ?? entry.action),
    h('td', {}, key ? h('code', {}, key) : ''),
    h('td', {}, h('span', { class: `badge badge-outcome-${entry.outcome}` }, entry.outcome)),
    h('td', {}, [
      entry.version ? `v${entry.version}` : null,
      entry.fingerprint ? `fingerprint ${shortFingerprint(entry.fingerprint)}` : null,
      entry.reason,
    ].filter(Boolean).join(' \u00b7 ')));
}

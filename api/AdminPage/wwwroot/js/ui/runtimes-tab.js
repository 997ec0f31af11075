// The Runtimes tab: a summary row per runtime (the fleet view's table, for this account), then each runtime's
// details and last errors, from the account's runtime listing and each host's health (the last health seen is kept,
// marked as such, while a host is offline).

import { h, replace } from '../dom.js';
import { count, formatTime, shortFingerprint, timeText } from '../format.js';
import { RuntimeTable } from './runtime-table.js';

export class RuntimesTab {
  #store;
  #list = h('div', { class: 'runtime-cards' });
  #details = h('h2', { class: 'section-gap', hidden: true }, 'Details');
  #summary = new RuntimeTable('Runtimes of this account', { empty: 'No runtime is bound to this account yet.' });

  constructor(store) {
    this.#store = store;
    this.element = h('section', { class: 'tab-panel' },
      h('h1', { class: 'visually-hidden' }, 'Runtimes'),
      h('h2', {}, 'Summary'), this.#summary.element,
      this.#details, this.#list);
    store.addEventListener('runtimes', () => this.render());
    store.addEventListener('catalog', () => this.render());
  }

  render() {
    const runtimes = [...this.#store.runtimes.values()].sort((a, b) => a.listing.runtime.localeCompare(b.listing.runtime));
    this.#summary.update(runtimes.map(({ listing }) => ({
      ...listing,
      state: this.#stateOf(listing),
      credentials: this.#store.keyCounts(listing.runtime),
    })));
    this.#details.hidden = runtimes.length === 0;
    replace(this.#list, runtimes.map((runtime) => this.#card(runtime)));
  }

  #card({ listing, health, lastHealth, sealingKey }) {
    const available = this.#store.isAvailable(listing.runtime);
    const state = this.#stateOf(listing);
    const shown = health ?? lastHealth;
    const sync = shown?.skillSync;
    return h('article', { class: 'runtime-card', 'data-runtime': listing.runtime },
      h('h3', {}, listing.runtime, ' ', h('span', { class: `badge badge-${state}` }, state)),
      available ? null : h('p', { class: 'banner banner-error', 'data-banner': 'offline' },
        h('strong', {}, state === 'unknown' ? 'Not answering. ' : 'Offline. '),
        'Its host is not reachable: keys cannot be delivered and nothing is queued.',
        lastHealth ? ' The figures below are the last ones seen.' : ''),
      h('dl', { class: 'facts' },
        fact('Host', listing.hostName ?? 'not registered yet'),
        fact('Bound', timeText(listing.boundAt)),
        fact('Last registered', timeText(listing.lastRegisteredAt)),
        fact('Last sync', sync ? [timeText(sync.lastSyncAt), sync.running ? '' : ' (sync stopped)'] : 'unknown'),
        fact('Skills', sync ? `${sync.skills}${sync.brokenSkills ? ` (${sync.brokenSkills} broken)` : ''}` : 'unknown'),
        fact('Request files waiting', sync ? sync.pendingRequests : 'unknown'),
        fact('Request files set aside', sync ? sync.failedRequests : 'unknown'),
        fact('Keys', keysText(this.#store.keyCounts(listing.runtime))),
        fact('Secret file', shown ? `${shown.secretStore.state}, ${count(shown.secretStore.entries, 'entry', 'entries')}` : 'unknown'),
        fact('OpenClaw config', shown ? [`${shown.openClawConfig.state}, ${count(shown.openClawConfig.managedKeys, 'managed key', 'managed keys')}, applied `, timeText(shown.openClawConfig.lastAppliedAt)] : 'unknown'),
        fact('Gateway reload', shown ? reloadText(shown.gatewayReload) : 'unknown'),
        fact('Runtime key', sealingKey ? h('code', { title: sealingKey.kid }, shortFingerprint(sealingKey.kid)) : 'unknown')),
      h('h4', {}, 'Last errors'),
      errorsOf(shown));
  }

  /** Online only if its host answered the last probe; listed online but silent since reads as not answering. */
  #stateOf(listing) {
    if (this.#store.isAvailable(listing.runtime)) return 'online';
    return listing.state === 'online' ? 'unknown' : listing.state;
  }
}

function keysText({ pending, active, revoked }) {
  return `${pending} pending, ${active} active, ${revoked} revoked`;
}

function fact(term, value) {
  return [h('dt', {}, term), h('dd', {}, value)];
}

function reloadText(reload) {
  if (reload.state === 'idle') return ['up to date', reload.lastSuccessAt ? [', last reload ', timeText(reload.lastSuccessAt)] : ''];
  return [`${reload.state} since `, timeText(reload.pendingSince, formatTime(reload.pendingSince)), ` (${count(reload.attempts, 'attempt', 'attempts')})`];
}

function errorsOf(health) {
  const errors = [
    ['Skill sync', health?.skillSync.lastError],
    ['Secret file', health?.secretStore.error],
    ['OpenClaw config', health?.openClawConfig.lastError],
    ['Gateway reload', health?.gatewayReload.lastError],
    ['Registration', health?.runtime.registrationError],
  ].filter(([, error]) => error);
  if (errors.length === 0) return h('p', { class: 'muted' }, health ? 'None.' : 'Unknown while the host is unreachable.');
  return h('ul', { class: 'error-list' }, errors.map(([what, error]) => h('li', {}, h('strong', {}, `${what}: `), error)));
}

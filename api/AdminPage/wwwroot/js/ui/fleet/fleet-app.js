// The fleet view for platform administrators (/admin/fleet): the fleet's figures, and a page of its runtimes across
// accounts and one of its accounts (?page-size=, default 100), read again every few seconds while the page is visible.
// There is no fleet event stream: a host that vanishes sends no event, so only asking the cluster again shows it
// offline.

import { h, replace } from '../../dom.js';
import { formatTime } from '../../format.js';
import { FleetStore } from '../../state/fleet-store.js';
import { explainRefusal } from '../../api/refusal.js';
import { availabilityWatcher } from '../announcements.js';
import { confirmAction } from '../confirm-dialog.js';
import { attentionReasons, RuntimeTable } from '../runtime-table.js';
import { accountForm } from './account-form.js';
import { AccountsTable } from './accounts-table.js';
import { bindRuntimeForm } from './bind-runtime-form.js';
import { FleetSummary } from './fleet-summary.js';
import { Pager } from './pager.js';

const POLL_MS = 5000;
const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 1000; // the API's largest page

export class FleetApp {
  #main;
  #api;
  #status;
  #store;
  #timer = null;
  #summary = new FleetSummary();
  #runtimes = new RuntimeTable('Every runtime of the platform', {
    showAccount: true,
    accountLink: (account) => `/${encodeURIComponent(account)}/admin/openclaw`,
    empty: 'No runtime matches.',
  });

  #accounts = new AccountsTable((account) => this.#toggleFeature(account));
  #runtimePager = new Pager('Runtimes', (step) => this.#turn('runtimes', step));
  #accountPager = new Pager('Accounts', (step) => this.#turn('accounts', step));
  #formMessage = h('p', { class: 'row-message', role: 'status' });
  #liveState = h('p', { class: 'live-state', 'data-live': 'connecting' }, 'Connecting…');
  #search = h('input', { type: 'search', id: 'fleet-filter', autocomplete: 'off', oninput: () => this.#render() });
  #attentionOnly = h('input', { type: 'checkbox', id: 'fleet-attention', onchange: () => this.#render() });
  #onVisibility = () => { if (!document.hidden) this.#refresh(); };

  constructor(main, api, status) {
    this.#main = main;
    this.#api = api;
    this.#status = status;
    this.#store = new FleetStore(api, pageSize());
    const watch = availabilityWatcher((message, tone) => status.say(message, tone), (id) => this.#store.label(id));
    this.#store.addEventListener('fleet', () => {
      watch(new Map(this.#store.runtimes.map((runtime) => [runtime.runtime, runtime.state === 'online'])));
      this.#render();
    });
  }

  async start() {
    try {
      await this.#store.load();
    } catch (error) {
      if (error.status === 403) return this.#showNotPermitted();
      throw error;
    }

    replace(this.#main,
      h('div', { class: 'app-bar fleet-bar' }, h('h1', {}, 'Fleet'),
        h('div', { class: 'bar-actions' }, this.#dashboardButton(), this.#liveState)),
      this.#summary.element,
      h('section', { 'aria-labelledby': 'fleet-runtimes' },
        h('h2', { id: 'fleet-runtimes' }, 'Runtimes'),
        h('div', { class: 'filters' },
          h('label', { for: 'fleet-filter' }, 'Filter this page by runtime, account or host'), this.#search,
          h('label', { class: 'check' }, this.#attentionOnly, ' Only runtimes that need attention')),
        this.#runtimes.element,
        this.#runtimePager.element),
      h('section', { 'aria-labelledby': 'fleet-accounts', class: 'section-gap' },
        h('h2', { id: 'fleet-accounts' }, 'Accounts'),
        this.#accounts.element,
        this.#accountPager.element),
      h('section', { 'aria-labelledby': 'fleet-manage', class: 'section-gap' },
        h('h2', { id: 'fleet-manage' }, 'Accounts and runtimes'),
        h('div', { class: 'fleet-forms' }, accountForm(this.#api, this.#changes()), bindRuntimeForm(this.#api, this.#store, this.#changes())),
        this.#formMessage));
    this.#render();
    this.#showLive();
    this.#timer = setInterval(() => { if (!document.hidden) this.#refresh(); }, POLL_MS);
    document.addEventListener('visibilitychange', this.#onVisibility);
  }

  stop() {
    clearInterval(this.#timer);
    document.removeEventListener('visibilitychange', this.#onVisibility);
  }

  async #refresh() {
    try {
      await this.#store.load();
      this.#showLive();
    } catch (error) {
      if (error.status === 403) {
        this.stop();
        this.#showNotPermitted();
        return;
      }
      this.#liveState.dataset.live = 'stale';
      this.#liveState.textContent = `Not live: ${error.message}. Trying again in ${POLL_MS / 1000} s.`;
    }
  }

  #render() {
    const { summary, runtimes, accounts } = this.#store;
    this.#summary.update(summary);
    this.#runtimes.update(runtimes.filter((runtime) => this.#shown(runtime)).sort(byAccountThenRuntime));
    this.#accounts.update(accounts);
    this.#runtimePager.update(this.#store.runtimePages, runtimes.length, summary.runtimes);
    this.#accountPager.update(this.#store.accountPages, accounts.length, summary.accounts);
  }

  async #turn(list, step) {
    try {
      await this.#store.turn(list, step);
      this.#showLive();
    } catch (error) {
      this.#status.say(`The page could not be read: ${error.message}`, 'error');
    }
  }

  #shown(runtime) {
    if (this.#attentionOnly.checked && attentionReasons(runtime).length === 0) return false;
    const text = this.#search.value.trim().toLowerCase();
    return text === '' || [runtime.runtime, runtime.account, runtime.hostName].some((field) => field?.toLowerCase().includes(text));
  }

  #showLive() {
    this.#liveState.dataset.live = 'live';
    this.#liveState.textContent = `\u25cf Live \u00b7 read ${formatTime(this.#store.readAt.toISOString())}`;
  }

  /** The Orleans dashboard (grain state and call statistics) opens in this tab once it has set its session cookie. */
  #dashboardButton() {
    const button = h('button', { type: 'button', onclick: async () => {
      button.disabled = true;
      try {
        const session = await this.#api.openDashboardSession();
        location.assign(session.url);
      } catch (error) {
        this.#status.say(`The Orleans dashboard could not be opened: ${error.message}`, 'error');
        button.disabled = false;
      }
    } }, 'Orleans dashboard');
    return button;
  }

  /** What a form does after a change: says how it went, and re-reads the fleet at once. */
  #changes() {
    return {
      done: () => this.#refresh(),
      tell: (message, tone) => {
        this.#formMessage.className = `row-message tone-${tone}`;
        this.#formMessage.textContent = message;
        this.#status.say(message, tone);
      },
    };
  }

  /** Switching an account's skills feature off takes its page away from its members, so that asks first. */
  async #toggleFeature(account) {
    const enable = !account.skillsPocEnabled;
    if (!enable && !await confirmAction({
      title: `Switch skills off for ${account.accountId}?`,
      message: `Its members will no longer see the account's page, skills or keys until it is switched on again. Keys already on its hosts stay there.`,
      confirmLabel: 'Switch off',
    })) return;
    const { tell, done } = this.#changes();
    try {
      await this.#api.put(`/api/platform/accounts/${encodeURIComponent(account.accountId)}/settings`, { skillsPocEnabled: enable });
      tell(`Skills are ${enable ? 'on' : 'off'} for ${account.accountId}.`, 'ok');
      done();
    } catch (error) {
      tell(`Not changed: ${explainRefusal(error)}`, 'error');
    }
  }

  #showNotPermitted() {
    replace(this.#main, h('section', { class: 'not-found' },
      h('h1', {}, 'Fleet'),
      h('p', {}, 'The fleet view is for platform administrators. Open your account\u2019s page at /<account>/admin/openclaw instead.')));
    this.#status.say('Only platform administrators can see the fleet.', 'error');
  }
}

/** Rows per page: ?page-size= on the page's address (1–1000), else 100. */
function pageSize() {
  const asked = Number.parseInt(new URLSearchParams(location.search).get('page-size') ?? '', 10);
  return Number.isInteger(asked) && asked >= 1 ? Math.min(asked, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
}

function byAccountThenRuntime(a, b) {
  return (a.account ?? '\uffff').localeCompare(b.account ?? '\uffff') || a.runtime.localeCompare(b.runtime);
}

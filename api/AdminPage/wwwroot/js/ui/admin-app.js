// The signed-in page for one account: tabs over one store (Members for owners and admins only), kept current by
// the live event stream (and a short poll of the runtimes, whose hosts can go away without an event).

import { h, replace } from '../dom.js';
import { CredentialWrites } from '../credentials/credential-writes.js';
import { LiveFeed } from '../live/live-feed.js';
import { AccountStore } from '../state/account-store.js';
import { ActivityTab } from './activity-tab.js';
import { announceChanges, requestAnnouncer } from './announcements.js';
import { MembersTab } from './members-tab.js';
import { RuntimesTab } from './runtimes-tab.js';
import { SkillsTab } from './skills/skills-tab.js';
import { createTabs } from './tabs.js';

const RUNTIME_POLL_MS = 5000;

export class AdminApp {
  #main;
  #api;
  #status;
  #store;
  #feed = null;
  #poll = null;
  #members = null;
  #announceRequest = requestAnnouncer((message, tone) => this.#status.say(message, tone));
  #liveState = h('p', { class: 'live-state', 'data-live': 'connecting' }, 'Connecting…');

  constructor(main, api, account, status) {
    this.#main = main;
    this.#api = api;
    this.#status = status;
    this.#store = new AccountStore(api, account);
  }

  async start() {
    const store = this.#store;
    try {
      await store.loadAccess();
    } catch (error) {
      if (error.status === 404) return this.#showNotFound();
      throw error;
    }

    const say = (message, tone) => this.#status.say(message, tone);
    announceChanges(store, say);
    const skills = new SkillsTab(store, { writes: new CredentialWrites(this.#api, store), say });
    const runtimes = new RuntimesTab(store);
    const activity = new ActivityTab(this.#api, store);
    const members = new MembersTab(this.#api, store, say);
    this.#members = members;
    const sections = [
      { id: 'skills', label: 'Skills & Credentials', panel: skills.element },
      { id: 'runtimes', label: 'Runtimes', panel: runtimes.element },
      { id: 'activity', label: 'Activity', panel: activity.element },
      store.canWrite ? { id: 'members', label: 'Members', panel: members.element } : null, // members cannot read the list
    ].filter(Boolean);
    const tabs = createTabs(sections, 'Sections');
    replace(this.#main, h('div', { class: 'app-bar' }, tabs.element, this.#liveState), sections.map((section) => section.panel));

    const reloadAll = () => Promise.all([store.loadCatalog(), store.loadRuntimes(), activity.reload(), members.reload()]);
    await reloadAll();
    this.#feed = new LiveFeed(this.#api, store.account, {
      onSync: () => reloadAll().catch(() => {}),
      onEvent: (name, data) => this.#apply(name, data),
      onState: (state, detail) => this.#showLiveState(state, detail),
    });
    this.#feed.start();
    this.#poll = setInterval(() => store.loadRuntimes().catch(() => {}), RUNTIME_POLL_MS);
  }

  stop() {
    this.#feed?.stop();
    clearInterval(this.#poll);
  }

  #apply(name, data) {
    const store = this.#store;
    const ignore = () => {};
    switch (name) {
      case 'credential':
        this.#announceRequest(data);
        store.applyCredential(data);
        break;
      case 'skills':
        store.loadCatalog().catch(ignore);
        break;
      case 'activity':
        store.applyActivity(data);
        break;
      case 'account':
        store.loadAccess().then(() => Promise.all([store.loadCatalog(), store.loadRuntimes(), this.#members.reload()])).catch(ignore);
        break;
      default:
    }
  }

  #showLiveState(state, detail) {
    this.#liveState.dataset.live = state;
    if (state === 'live') this.#liveState.textContent = '\u25cf Live';
    else if (state === 'reconnecting') this.#liveState.textContent = `Reconnecting in ${detail} s…`;
    else {
      this.#liveState.textContent = 'Not live';
      if (detail?.status === 404) {
        this.stop();
        this.#showNotFound();
      }
    }
  }

  #showNotFound() {
    replace(this.#main, h('section', { class: 'not-found' },
      h('h1', {}, 'Nothing here'),
      h('p', {}, `There is no account \u201c${this.#store.account}\u201d that you can see. It may not exist, you may not be a member of it, or its skills feature is switched off.`)));
    this.#status.say('No such account here.', 'error');
  }
}

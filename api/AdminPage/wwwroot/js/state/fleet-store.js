// What the fleet view knows: the fleet's figures (GET /api/platform/fleet/summary), and one page of runtimes
// (GET /api/platform/fleet) and one of accounts (GET /api/platform/accounts), each paged by id. Listeners hear
// 'fleet' after each read; a read costs the same however large the fleet is.

import { PageCursor } from './page-cursor.js';

export class FleetStore extends EventTarget {
  #api;
  #loading = null;
  summary = { runtimes: 0, online: 0, unknown: 0, offline: 0, accounts: 0, keysWaiting: 0, oldestKeyWaitingSince: null };
  runtimes = []; // the page's runtime listings: state, account, host, last sync, skills, credentials by status, gateway reload
  accounts = []; // the page's accounts: { accountId, displayName, skillsPocEnabled, members, runtimes, keysWaiting }
  readAt = null;

  constructor(api, pageSize) {
    super();
    this.#api = api;
    this.runtimePages = new PageCursor('/api/platform/fleet', pageSize);
    this.accountPages = new PageCursor('/api/platform/accounts', pageSize);
  }

  /** Reads the fleet again; a read already under way is joined rather than doubled. */
  load() {
    this.#loading ??= this.#read().finally(() => { this.#loading = null; });
    return this.#loading;
  }

  /** Moves a list ('runtimes' or 'accounts') a page forward (+1) or back (-1) and reads again. */
  turn(list, step) {
    const cursor = list === 'runtimes' ? this.runtimePages : this.accountPages;
    return (step > 0 ? cursor.forward() : cursor.back()) ? this.#turned() : Promise.resolve();
  }

  /** A runtime as the view names it in messages: its id, and its account when it has one. */
  label(runtimeId) {
    const account = this.runtimes.find((runtime) => runtime.runtime === runtimeId)?.account;
    return account ? `${runtimeId} (${account})` : runtimeId;
  }

  async #turned() {
    await this.#loading; // a read under way answers for the page before the turn
    return this.load();
  }

  async #read() {
    const [summary, runtimes, accounts] = await Promise.all([
      this.#api.get('/api/platform/fleet/summary'),
      this.#readPage(this.runtimePages),
      this.#readPage(this.accountPages),
    ]);
    this.summary = summary;
    this.runtimes = runtimes;
    this.accounts = accounts;
    this.readAt = new Date();
    this.dispatchEvent(new CustomEvent('fleet'));
  }

  async #readPage(cursor) {
    const path = cursor.path;
    let page = await this.#api.getPage(path);
    if (cursor.path !== path) return page.items; // turned meanwhile: the read after the turn sets the new page's next
    if (page.items.length === 0 && cursor.hasPrevious) {
      cursor.restart(); // the pages before still hold items; this one no longer does
      page = await this.#api.getPage(cursor.path);
    }
    cursor.next = page.next;
    return page.items;
  }
}

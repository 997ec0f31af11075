// What the fleet view knows: every runtime across accounts (GET /api/platform/fleet) and every account
// (GET /api/platform/accounts), each read whole page by page, the two together. Listeners hear 'fleet' after each read.

export class FleetStore extends EventTarget {
  #api;
  #loading = null;
  runtimes = []; // runtime listings: state, account, host, last sync, skills, credentials by status, gateway reload
  accounts = []; // { accountId, displayName, skillsPocEnabled, members, runtimes }
  readAt = null;

  constructor(api) {
    super();
    this.#api = api;
  }

  /** Reads the fleet again; a read already under way is joined rather than doubled. */
  load() {
    this.#loading ??= this.#read().finally(() => { this.#loading = null; });
    return this.#loading;
  }

  /** A runtime as the view names it in messages: its id, and its account when it has one. */
  label(runtimeId) {
    const account = this.runtimes.find((runtime) => runtime.runtime === runtimeId)?.account;
    return account ? `${runtimeId} (${account})` : runtimeId;
  }

  async #read() {
    const [runtimes, accounts] = await Promise.all([this.#api.getAll('/api/platform/fleet'), this.#api.getAll('/api/platform/accounts')]);
    this.runtimes = runtimes;
    this.accounts = accounts;
    this.readAt = new Date();
    this.dispatchEvent(new CustomEvent('fleet'));
  }
}

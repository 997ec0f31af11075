// What the page knows about one account: its skills and their keys, the credentials behind them, its runtimes and
// their health, and the caller's role. Listeners hear 'access', 'catalog', 'runtimes' and 'activity' events.

const encode = encodeURIComponent;

export class AccountStore extends EventTarget {
  #api;
  #loads = new Map();
  account;
  subject = null;
  role = null;
  canWrite = false; // owners and admins: keys; they also read the member list
  canManageMembers = false; // owners
  skills = [];
  credentials = new Map(); // credentialRef → credential view (status, version, request, fingerprint)
  runtimes = new Map(); // runtime id → { listing, health (null while unreachable), lastHealth, sealingKey, heldByHand }

  constructor(api, account) {
    super();
    this.#api = api;
    this.account = account;
  }

  /** The caller's role here; owners and admins may write. A 404 (not visible to the caller) is thrown. */
  async loadAccess() {
    const access = await this.#api.get(`/api/accounts/${encode(this.account)}/me`);
    this.subject = access.subject;
    this.role = access.role;
    this.canWrite = access.canManageCredentials;
    this.canManageMembers = access.canManageMembers;
    this.dispatchEvent(new CustomEvent('access'));
  }

  loadCatalog() {
    return this.#latest('catalog', async () => {
      const base = `/api/accounts/${encode(this.account)}`;
      const [skills, credentials] = await Promise.all([this.#api.get(`${base}/skills`), this.#api.get(`${base}/credentials`)]);
      return () => {
        this.skills = skills;
        for (const credential of credentials) this.#keepNewer(credential);
      };
    });
  }

  loadRuntimes() {
    return this.#latest('runtimes', async () => {
      const listings = await this.#api.get(`/api/accounts/${encode(this.account)}/runtimes`);
      const entries = await Promise.all(listings.map((listing) => this.#probe(listing)));
      return () => { this.runtimes = new Map(entries.map((entry) => [entry.listing.runtime, entry])); };
    });
  }

  /** A credential as a live event carried it. */
  applyCredential(credential) {
    this.#keepNewer(credential);
    this.#changed('catalog');
    if (!this.skills.some((skill) => skill.keys.some((key) => key.credentialRef === credential.credentialRef))) {
      this.loadCatalog().catch(() => {});
    }
  }

  /** What a write answered ({ credentialRef, status, version, nextVersion, fingerprint }): the state right after this caller's change. */
  applyWriteAnswer(answer) {
    this.credentials.set(answer.credentialRef, { ...this.credentials.get(answer.credentialRef), ...answer });
    this.#changed('catalog');
  }

  applyActivity(entry) {
    this.dispatchEvent(new CustomEvent('activity', { detail: entry }));
  }

  /** A key as the page shows it: the skill listing's entry, brought up to date by the credential when there is one. */
  keyState(key) {
    const credential = this.credentials.get(key.credentialRef) ?? null;
    const heldByHand = this.runtimes.get(key.credentialRef.split('/')[1])?.heldByHand?.has(key.credentialRef) ?? false;
    return credential
      ? { ...key, status: credential.status, version: credential.version, nextVersion: credential.nextVersion, credential, heldByHand }
      : { ...key, credential: null, heldByHand };
  }

  /** Keys can be delivered only to a runtime that answered just now. */
  isAvailable(runtimeId) {
    const runtime = this.runtimes.get(runtimeId);
    return runtime?.listing.state === 'online' && runtime.health !== null;
  }

  /** The runtime's keys by status, as this page knows them (listings, brought up to date by live events). */
  keyCounts(runtimeId) {
    const counts = { pending: 0, active: 0, revoked: 0, declined: 0 };
    for (const credential of this.credentials.values()) {
      if (credential.credentialRef?.split('/')[1] === runtimeId && credential.status in counts) counts[credential.status] += 1;
    }
    return counts;
  }

  markUnavailable(runtimeId) {
    const runtime = this.runtimes.get(runtimeId);
    if (runtime) {
      this.runtimes.set(runtimeId, { ...runtime, listing: { ...runtime.listing, state: 'offline' }, health: null });
      this.#changed('runtimes');
    }
    this.loadRuntimes().catch(() => {});
  }

  async #probe(listing) {
    const previous = this.runtimes.get(listing.runtime);
    const keep = { listing, health: null, lastHealth: previous?.lastHealth ?? null, sealingKey: previous?.sealingKey ?? null, heldByHand: new Set() };
    if (listing.state !== 'online') return keep;
    const health = await this.#api.get(`/api/runtimes/${encode(listing.runtime)}/health`).catch(() => null);
    if (health === null) return keep;
    let sealingKey = keep.sealingKey;
    if (sealingKey?.kid !== health.sealingKeyFingerprint) {
      sealingKey = await this.#api.get(`/api/accounts/${encode(this.account)}/runtimes/${encode(listing.runtime)}/sealing-key`).catch(() => null);
    }
    // Keys the host's openclaw.json holds by hand (names only), which owners and admins may import.
    const held = this.canWrite
      ? await this.#api.get(`/api/accounts/${encode(this.account)}/runtimes/${encode(listing.runtime)}/config-keys`).catch(() => [])
      : [];
    return { listing, health, lastHealth: health, sealingKey, heldByHand: new Set(held.map((key) => key.credentialRef)) };
  }

  /** Listings and events may cross on the wire: the later update of a credential wins. */
  #keepNewer(credential) {
    const known = this.credentials.get(credential.credentialRef);
    if (!known || credential.version > known.version || Date.parse(credential.updatedAt) > Date.parse(known.updatedAt)) {
      this.credentials.set(credential.credentialRef, credential);
    }
  }

  /** Runs a load; only the most recently started load of each kind is applied, so a slow old answer never wins. */
  async #latest(kind, load) {
    const ticket = Symbol(kind);
    this.#loads.set(kind, ticket);
    const apply = await load();
    if (this.#loads.get(kind) !== ticket) return;
    apply();
    this.#changed(kind);
  }

  #changed(kind) {
    this.dispatchEvent(new CustomEvent(kind));
  }
}

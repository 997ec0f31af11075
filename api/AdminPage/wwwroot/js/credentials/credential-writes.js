// Delivering (also ahead of a request or after declining one), rotating, revoking, declining and importing a key. A value is sealed here, in the browser, to the runtime host's public
// key and sent only as that envelope (sealedSecret): the API and the cluster never see it in plaintext.

import { sealSecret } from '../crypto/seal.js';
import { writeOutcome } from './write-outcome.js';

/** Envelopes expire soon after sealing (the host accepts at most 15 minutes ahead). */
const SEAL_LIFETIME_SECONDS = 5 * 60;

export class CredentialWrites {
  #api;
  #store;

  constructor(api, store) {
    this.#api = api;
    this.#store = store;
  }

  /**
   * @param key the key as shown ({ keyName, credentialRef, version, nextVersion }); its version is the one the admin
   *   saw, and the value is sealed for the version the cluster says its delivery creates
   * @returns { tone, message, retryAfterSeconds? } for the page to show
   */
  async submit(key, runtimeId, secret) {
    const account = this.#store.account;
    const [, , skillKey, keyName] = key.credentialRef.split('/').map(encodeURIComponent);
    const route = `/api/accounts/${encodeURIComponent(account)}/credentials/${encodeURIComponent(runtimeId)}/${skillKey}/${keyName}`;
    try {
      let nextVersion = key.nextVersion;
      if (key.status === 'not-requested' || key.status === 'declined') {
        // Provided ahead of any agent's request, or after all: the key is opened (pending) first, then delivered like any other.
        const opened = await this.#api.post(`${route}/provision`);
        this.#store.applyWriteAnswer(opened);
        nextVersion = opened.nextVersion;
      }
      const hostKey = await this.#api.get(`/api/accounts/${encodeURIComponent(account)}/runtimes/${encodeURIComponent(runtimeId)}/sealing-key`);
      const expectedVersion = key.version ?? 0;
      const sealedSecret = await sealSecret(
        hostKey,
        { runtimeId, credentialRef: key.credentialRef, version: nextVersion },
        Math.floor(Date.now() / 1000) + SEAL_LIFETIME_SECONDS,
        secret,
      );
      const answer = await this.#api.post(route, { sealedSecret, expectedVersion });
      this.#store.applyWriteAnswer(answer);
      return { tone: 'ok', message: `Saved: ${key.keyName} is active v${answer.version} on ${runtimeId}.` };
    } catch (error) {
      return writeOutcome(error, 'saved', key, runtimeId, this.#store);
    }
  }

  async decline(key, runtimeId, reason) {
    const [account, runtime, skillKey, keyName] = key.credentialRef.split('/').map(encodeURIComponent);
    try {
      const answer = await this.#api.post(`/api/accounts/${account}/credentials/${runtime}/${skillKey}/${keyName}/decline`, { reason });
      this.#store.applyWriteAnswer(answer);
      return { tone: 'ok', message: `Declined: the agents on ${runtimeId} read your reason for ${key.keyName}.` };
    } catch (error) {
      return writeOutcome(error, 'declined', key, runtimeId, this.#store);
    }
  }

  /** Takes the value the host's openclaw.json holds by hand into management; it never leaves the host. */
  async importFromHost(key, runtimeId) {
    const [account, runtime, skillKey, keyName] = key.credentialRef.split('/').map(encodeURIComponent);
    try {
      const answer = await this.#api.post(`/api/accounts/${account}/credentials/${runtime}/${skillKey}/${keyName}/import`);
      this.#store.applyWriteAnswer(answer);
      this.#store.loadRuntimes().catch(() => {});
      return { tone: 'ok', message: `Imported: ${key.keyName} is active v${answer.version} on ${runtimeId}, from the value its openclaw.json held.` };
    } catch (error) {
      return writeOutcome(error, 'imported', key, runtimeId, this.#store);
    }
  }

  async revoke(key, runtimeId) {
    const [account, runtime, skillKey, keyName] = key.credentialRef.split('/').map(encodeURIComponent);
    try {
      const answer = await this.#api.post(`/api/accounts/${account}/credentials/${runtime}/${skillKey}/${keyName}/revoke?expectedVersion=${key.version}`);
      this.#store.applyWriteAnswer(answer);
      return { tone: 'ok', message: `Revoked: ${key.keyName} was removed from ${runtimeId}.` };
    } catch (error) {
      return writeOutcome(error, 'revoked', key, runtimeId, this.#store);
    }
  }
}

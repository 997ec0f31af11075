// Keeps the account's live event stream open: on every (re)connect, and whenever the server says "resync", the
// listings are read again (events are not replayed), then events are applied as they come. A dropped stream is
// reopened with exponential backoff; a stream the server refuses for good (401, 404) is not.

import { readEventStream } from './event-stream.js';

const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 30000;

export class LiveFeed {
  #api;
  #path;
  #handlers;
  #abort = null;
  #stopped = false;

  /** @param handlers { onEvent(name, data), onSync(), onState('live' | 'reconnecting' | 'stopped', detail) } */
  constructor(api, account, handlers) {
    this.#api = api;
    this.#path = `/api/accounts/${encodeURIComponent(account)}/events`;
    this.#handlers = handlers;
  }

  start() {
    this.#run();
  }

  stop() {
    this.#stopped = true;
    this.#abort?.abort();
  }

  async #run() {
    let delay = FIRST_RETRY_MS;
    while (!this.#stopped) {
      this.#abort = new AbortController();
      try {
        const response = await this.#api.openStream(this.#path, this.#abort.signal);
        let synced = false;
        for await (const item of readEventStream(response.body)) {
          if (!synced || item.event === 'resync') {
            // The subscription is live once the first event arrives: re-read now and miss nothing after it.
            synced = true;
            delay = FIRST_RETRY_MS;
            this.#handlers.onState('live');
            this.#handlers.onSync();
          }
          if (item.event !== 'resync' && item.event !== 'ping') this.#dispatch(item);
        }
      } catch (error) {
        if (error?.status === 401 || error?.status === 404) {
          this.#stopped = true;
          this.#handlers.onState('stopped', error);
          return;
        }
      }
      if (this.#stopped) return;
      this.#handlers.onState('reconnecting', Math.round(delay / 1000));
      await sleep(delay + Math.random() * 250);
      delay = Math.min(delay * 2, MAX_RETRY_MS);
    }
  }

  #dispatch(item) {
    let data;
    try {
      data = JSON.parse(item.data);
    } catch {
      return;
    }
    this.#handlers.onEvent(item.event, data);
  }
}

function sleep(ms) {
  return new Promise((resolve) => { setTimeout(resolve, ms); });
}

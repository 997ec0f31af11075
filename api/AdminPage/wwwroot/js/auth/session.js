// The signed-in user's bearer token, in memory only: never in localStorage, sessionStorage or a cookie, so a reload
// signs in again. A 401 from the API drops it.

export class Session {
  #token = null;
  #onExpired;
  subject = null;

  constructor(onExpired) {
    this.#onExpired = onExpired;
  }

  get token() {
    return this.#token;
  }

  start(token) {
    this.#token = token;
  }

  end() {
    this.#token = null;
    this.subject = null;
  }

  onUnauthorized() {
    if (this.#token === null) return;
    this.end();
    this.#onExpired();
  }
}

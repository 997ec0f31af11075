// Calls the SkillsOrleans API with the signed-in user's bearer token (held in memory by the session).

import { ApiError } from './api-error.js';

export class ApiClient {
  #session;

  /** @param session { token, onUnauthorized() } */
  constructor(session) {
    this.#session = session;
  }

  get(path) {
    return this.#send('GET', path);
  }

  /**
   * Reads one page of a paged list: its items (the answer is an array) and the same-origin path of the next page,
   * which its Link header's rel="next" names (null on the last page).
   */
  async getPage(path) {
    const response = await fetch(path, this.#init('GET', { Accept: 'application/json' }));
    await this.#checked(response);
    return { items: await response.json(), next: nextLink(response.headers.get('Link')) };
  }

  post(path, body) {
    return this.#send('POST', path, body);
  }

  put(path, body) {
    return this.#send('PUT', path, body);
  }

  delete(path) {
    return this.#send('DELETE', path);
  }

  /**
   * Asks the Orleans dashboard for a session: the one call whose answer sets a cookie (HttpOnly, Path=/dashboard),
   * so the browser is allowed to keep it. Every other call omits cookies both ways.
   */
  openDashboardSession() {
    return this.#send('POST', '/dashboard/session', undefined, 'same-origin');
  }

  /** Opens a server-sent event stream; the caller reads response.body (EventSource cannot send a bearer token). */
  async openStream(path, signal) {
    const response = await fetch(path, this.#init('GET', { Accept: 'text/event-stream' }, undefined, signal));
    return this.#checked(response);
  }

  async #send(method, path, body, cookies = 'omit') {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(path, this.#init(method, headers, body === undefined ? undefined : JSON.stringify(body), undefined, cookies));
    await this.#checked(response);
    return response.status === 204 ? null : response.json();
  }

  #init(method, headers, body, signal, cookies = 'omit') {
    return {
      method,
      headers: { ...headers, Authorization: `Bearer ${this.#session.token}` },
      body,
      signal,
      cache: 'no-store',
      credentials: cookies,
      redirect: 'error',
    };
  }

  async #checked(response) {
    if (response.ok) return response;
    const error = await ApiError.from(response);
    if (error.status === 401) this.#session.onUnauthorized();
    throw error;
  }
}

/** The same-origin path of a Link header's rel="next" target, or null. */
function nextLink(header) {
  const match = /<([^>]*)>\s*;\s*rel="next"/.exec(header ?? '');
  if (!match) return null;
  const url = new URL(match[1], location.origin);
  return url.origin === location.origin ? url.pathname + url.search : null;
}

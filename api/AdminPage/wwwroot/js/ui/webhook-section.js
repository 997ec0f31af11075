// The account's webhook, on the Members tab: where key events are POSTed and how delivery stands (owners and admins),
// set or removed by owners. The stored URL is never shown back, only its scheme, host and port: a receiver's URL may
// hold its own token.

import { explainRefusal } from '../api/refusal.js';
import { h, replace, uniqueId } from '../dom.js';
import { timeText } from '../format.js';
import { confirmAction } from './confirm-dialog.js';

const encode = encodeURIComponent;

export class WebhookSection {
  #api;
  #store;
  #say;
  #status = h('div', { class: 'webhook-status' });
  #message = h('p', { class: 'row-message', role: 'status' });
  #form;
  #remove;
  #current = null;

  constructor(api, store, say) {
    this.#api = api;
    this.#store = store;
    this.#say = say;
    this.#remove = h('button', { type: 'button', class: 'danger', onclick: () => this.#onRemove() }, 'Remove webhook');
    this.#form = this.#urlForm();
    this.element = h('section', { class: 'webhook' },
      h('h2', {}, 'Webhook'),
      h('p', { class: 'muted' },
        'Key requests and key changes are POSTed to this URL as they are recorded, in order, signed with ES256 (public keys at ',
        h('code', {}, '/webhooks/jwks.json'), '). They never hold a key\u2019s value.'),
      this.#status,
      this.#form,
      this.#message);
  }

  async reload() {
    if (!this.#store.canWrite) return;
    this.#current = await this.#api.get(`/api/accounts/${encode(this.#store.account)}/webhook`);
    this.#render();
  }

  #render() {
    const status = this.#current;
    const owner = this.#store.canManageMembers;
    this.#form.hidden = !owner;
    this.#remove.hidden = !owner || !status;
    replace(this.#status, status === null
      ? h('p', {}, 'No webhook is set.')
      : h('p', {},
        'Sending to ', h('code', {}, status.target), ` \u00b7 ${status.delivered} delivered`,
        status.lastDeliveredAt ? [' \u00b7 last ', timeText(status.lastDeliveredAt)] : null,
        status.lastError ? [h('br'), h('span', { class: 'tone-error' },
          `Failing (${status.consecutiveFailures} in a row): ${status.lastError}.`), status.nextAttemptAt ? [' Next attempt ', timeText(status.nextAttemptAt), '.'] : null] : null));
  }

  #urlForm() {
    const id = uniqueId('webhook-url');
    const input = h('input', { id, type: 'url', autocomplete: 'off', spellcheck: 'false', required: true, maxlength: 2048, placeholder: 'https://' });
    const form = h('form', { class: 'webhook-form', hidden: true },
      h('div', { class: 'field-row' },
        h('label', { for: id }, 'Webhook URL'), input,
        h('button', { type: 'submit', class: 'primary' }, 'Save webhook'),
        this.#remove));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        this.#current = await this.#api.put(`/api/accounts/${encode(this.#store.account)}/webhook`, { url: input.value.trim() });
        input.value = '';
        this.#show(`Saved: key events now go to ${this.#current.target}.`, 'ok');
      } catch (error) {
        this.#show(`Not saved: ${explainRefusal(error)}`, 'error');
      }
      this.#render();
    });
    return form;
  }

  async #onRemove() {
    if (!await confirmAction({
      title: 'Remove the webhook?',
      message: 'Key events stop being sent; nothing is queued for a later URL.',
      confirmLabel: 'Remove webhook',
    })) {
      return;
    }
    try {
      await this.#api.delete(`/api/accounts/${encode(this.#store.account)}/webhook`);
      this.#current = null;
      this.#show('Removed: no key events are sent any more.', 'ok');
    } catch (error) {
      this.#show(`Not removed: ${explainRefusal(error)}`, 'error');
    }
    this.#render();
  }

  #show(message, tone) {
    this.#message.className = `row-message tone-${tone}`;
    this.#message.textContent = message;
    this.#say(message, tone);
  }
}

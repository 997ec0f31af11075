// One key a skill needs: its status (missing, pending, active vN, revoked, declined), the agent's request when one
// waits, and, for owners and admins, the form to deliver, rotate or revoke it, or to decline the request.

import { h, replace } from '../../dom.js';
import { keyStatusLabel, shortFingerprint, timeText } from '../../format.js';
import { KeyForm } from './key-form.js';

// A key no agent asked for yet can be provided ahead of the request (the skill is installed and declares it), and a
// declined one after all.
const WRITABLE = new Set(['pending', 'active', 'not-requested', 'declined']);

export class KeyRow {
  #context;
  #head = h('div', { class: 'key-head' });
  #details = h('div', { class: 'key-details' });
  #message = h('p', { class: 'row-message', hidden: true });
  #form = null;

  constructor(context) {
    this.#context = context;
    this.element = h('li', { class: 'key-row' }, this.#head, this.#details, this.#message);
  }

  /** @param props { key, skill, runtimeId, available, canWrite, sealingKey } */
  update(props) {
    const { key, skill, canWrite } = props;
    const credential = key.credential;
    this.element.dataset.credentialRef = key.credentialRef;
    this.element.classList.toggle('is-pending', key.status === 'pending');
    replace(this.#head,
      h('code', { class: 'key-name' }, key.keyName),
      skill.primaryEnv === key.keyName ? h('span', { class: 'tag' }, 'primary') : null,
      h('span', { class: `badge badge-${key.status}` }, keyStatusLabel(key.status, key.version)));
    replace(this.#details, ...this.#describe(key, credential));

    const writable = canWrite && WRITABLE.has(key.status);
    if (writable && !this.#form) {
      this.#form = new KeyForm({ ...this.#context, show: (message, tone) => this.#show(message, tone) });
      this.element.insertBefore(this.#form.element, this.#message);
    }
    if (this.#form) {
      this.#form.element.hidden = !writable;
      if (writable) this.#form.update(props);
    }
  }

  focus() {
    if (this.#form && !this.#form.element.hidden) this.#form.focus();
    else this.element.scrollIntoView({ block: 'center' });
  }

  #describe(key, credential) {
    const lines = [];
    if (key.status === 'pending' && credential) {
      lines.push(h('p', { class: 'request' },
        'Requested by agent ', h('strong', {}, credential.requestedByAgent ?? 'unknown'), ' ', timeText(credential.requestedAt),
        credential.requestReason ? [': \u201c', credential.requestReason, '\u201d'] : '.'));
    }
    if (key.status === 'not-requested') {
      lines.push(h('p', { class: 'muted' }, 'No agent has asked for this key yet (agents ask with a request file, see Activity). Owners and admins can provide it ahead of a request.'));
    }
    if (key.status === 'declined' && credential) {
      lines.push(h('p', { class: 'muted' },
        'Declined by ', credential.updatedBy ?? 'an admin', ' ', timeText(credential.updatedAt),
        credential.declineReason ? [': \u201c', credential.declineReason, '\u201d'] : '.',
        ' The agents on this runtime read the reason; owners and admins can still provide the key.'));
    }
    if (key.heldByHand && key.status !== 'active') {
      lines.push(h('p', { class: 'muted' },
        'The host\u2019s openclaw.json already holds a value for this key, put there by hand. Owners and admins can take it into management: it moves into the host\u2019s secret file and never leaves the host.'));
    }
    if (key.status === 'revoked') {
      lines.push(h('p', { class: 'muted' }, 'Revoked. An agent asks again with a request file; then a new value can be provided.'));
    }
    if (credential?.fingerprint && key.status === 'active') {
      lines.push(h('p', { class: 'key-meta' },
        'Value fingerprint ', h('code', { title: credential.fingerprint }, shortFingerprint(credential.fingerprint)),
        credential.updatedBy ? [' \u00b7 set by ', credential.updatedBy, ' ', timeText(credential.updatedAt)] : null));
    }
    return lines;
  }

  #show(message, tone) {
    this.#message.hidden = false;
    this.#message.className = `row-message tone-${tone}`;
    this.#message.textContent = message;
  }
}

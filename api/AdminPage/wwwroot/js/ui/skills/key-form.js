// The secure input for one key: a password field that is never filled from anything, read once on submit and
// cleared at once; the value is sealed in the browser and sent as ciphertext. Rotation and revocation ask first;
// declining a waiting request asks for the reason the agent will read.

import { h, uniqueId } from '../../dom.js';
import { shortFingerprint } from '../../format.js';
import { askForReason, confirmAction } from '../confirm-dialog.js';

/** As the API keeps it: the agent reads a sentence, not a document. */
const MAX_DECLINE_REASON = 500;

export class KeyForm {
  #context;
  #props = null;
  #busy = false;
  #blockedUntil = 0;
  #input;
  #save;
  #revoke;
  #decline;
  #import;
  #hint;
  #label;

  /** @param context { writes, say(message, tone), show(message, tone) } */
  constructor(context) {
    this.#context = context;
    const inputId = uniqueId('key-value');
    const hintId = uniqueId('key-hint');
    this.#label = h('label', { for: inputId });
    this.#input = h('input', {
      id: inputId,
      type: 'password',
      autocomplete: 'new-password',
      spellcheck: 'false',
      autocapitalize: 'off',
      autocorrect: 'off',
      'data-lpignore': 'true',
      'data-1p-ignore': 'true',
      'aria-describedby': hintId,
    });
    this.#save = h('button', { type: 'submit', class: 'primary' });
    this.#revoke = h('button', { type: 'button', class: 'danger', onclick: () => this.#onRevoke() }, 'Revoke');
    this.#decline = h('button', { type: 'button', onclick: () => this.#onDecline() }, 'Decline request');
    this.#import = h('button', { type: 'button', onclick: () => this.#onImport() }, 'Use the value in openclaw.json');
    this.#hint = h('p', { id: hintId, class: 'hint' });
    this.element = h('form', { class: 'key-form', novalidate: true, onsubmit: (event) => this.#onSubmit(event) },
      this.#label,
      h('div', { class: 'field-row' }, this.#input, this.#save, this.#revoke, this.#decline, this.#import),
      this.#hint);
  }

  /** @param props { key (with status, version), skill, runtimeId, available, sealingKey } */
  update(props) {
    this.#props = props;
    const { key, skill, runtimeId, available, sealingKey } = props;
    const active = key.status === 'active';
    this.#label.replaceChildren(`New value for ${key.keyName}`, h('span', { class: 'visually-hidden' }, ` of ${skill.skillKey} on ${runtimeId}`));
    this.#save.textContent = active ? 'Rotate' : 'Save key';
    this.#revoke.hidden = !active;
    this.#decline.hidden = key.status !== 'pending';
    this.#import.hidden = !key.heldByHand || active;
    const blocked = this.#busy || !available;
    this.#input.disabled = blocked;
    this.#save.disabled = blocked || Date.now() < this.#blockedUntil;
    this.#revoke.disabled = blocked;
    this.#decline.disabled = this.#busy;
    this.#import.disabled = blocked;
    this.#hint.textContent = available
      ? `Sealed in this browser to ${runtimeId}\u2019s key ${shortFingerprint(sealingKey?.kid) || '(fetched on submit)'}; the value is never shown again.`
      : `${runtimeId} is offline: nothing can be delivered, and nothing is queued, until it is back.`;
  }

  focus() {
    this.#input.focus();
  }

  async #onSubmit(event) {
    event.preventDefault();
    const { key, runtimeId } = this.#props;
    if (this.#input.value.trim() === '') {
      this.#context.show(`Enter the value of ${key.keyName} first.`, 'error');
      this.#input.focus();
      return;
    }
    if (key.status === 'active' && !await confirmAction({
      title: `Rotate ${key.keyName}?`,
      message: `The value of ${key.keyName} (v${key.version}) on ${runtimeId} is replaced by the new one. Agents use the new value once the gateway has reloaded.`,
      confirmLabel: 'Rotate key',
    })) {
      return;
    }

    const secret = this.#input.value;
    this.#input.value = '';
    await this.#run(`Sealing ${key.keyName} in this browser and delivering it to ${runtimeId}…`, () => this.#context.writes.submit(key, runtimeId, secret));
  }

  async #onRevoke() {
    const { key, runtimeId } = this.#props;
    if (!await confirmAction({
      title: `Revoke ${key.keyName}?`,
      message: `${key.keyName} (v${key.version}) is removed from ${runtimeId} and from OpenClaw\u2019s config. Agents lose it until an agent asks again and someone provides a new value.`,
      confirmLabel: 'Revoke key',
    })) {
      return;
    }
    await this.#run(`Revoking ${key.keyName} on ${runtimeId}…`, () => this.#context.writes.revoke(key, runtimeId));
  }

  async #onDecline() {
    const { key, runtimeId } = this.#props;
    const reason = await askForReason({
      title: `Decline the request for ${key.keyName}?`,
      message: `The agents on ${runtimeId} read your reason, and asking again changes nothing until someone provides the key.`,
      label: 'Reason the agent will read (never a secret)',
      confirmLabel: 'Decline request',
      maxLength: MAX_DECLINE_REASON,
    });
    if (reason === null) return;
    await this.#run(`Declining the request for ${key.keyName}\u2026`, () => this.#context.writes.decline(key, runtimeId, reason));
  }

  async #onImport() {
    const { key, runtimeId } = this.#props;
    await this.#run(`Importing ${key.keyName} from openclaw.json on ${runtimeId}\u2026`, () => this.#context.writes.importFromHost(key, runtimeId));
  }

  async #run(progress, write) {
    this.#busy = true;
    this.update(this.#props);
    this.#context.show(progress, 'info');
    const outcome = await write();
    this.#busy = false;
    if (outcome.retryAfterSeconds) {
      this.#blockedUntil = Date.now() + outcome.retryAfterSeconds * 1000;
      setTimeout(() => this.update(this.#props), outcome.retryAfterSeconds * 1000 + 50);
    }
    this.update(this.#props);
    this.#context.show(outcome.message, outcome.tone);
    this.#context.say(outcome.message, outcome.tone);
  }
}

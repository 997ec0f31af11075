// The keys agents are waiting for, at the top of the tab, so that a new request stands out. Items are kept
// between renders, so a focused "Provide …" button keeps its focus while the page refreshes.

import { h, replace } from '../../dom.js';
import { timeText } from '../../format.js';
import { syncKeyedList } from '../keyed-list.js';

export class RequestsSummary {
  #list = h('ul', { class: 'plain-list' });
  #items = new Map();
  #onGo;

  /** @param onGo (runtimeId, credentialRef) → moves to that key */
  constructor(onGo) {
    this.#onGo = onGo;
    this.element = h('section', { class: 'requests', 'aria-labelledby': 'requests-title' },
      h('h2', { id: 'requests-title' }, 'Requests from agents'), this.#list);
  }

  /** @param pending [{ runtimeId, skill, key, canWrite }] for every key whose status is pending */
  update(pending) {
    this.element.hidden = pending.length === 0;
    syncKeyedList(this.#list, this.#items, pending, (item) => item.key.credentialRef, () => new RequestItem(this.#onGo));
  }
}

class RequestItem {
  #text = h('span');
  #go = h('button', { type: 'button', class: 'link' });
  #target = null;
  #rendered = '';

  constructor(onGo) {
    this.#go.addEventListener('click', () => onGo(this.#target.runtimeId, this.#target.key.credentialRef));
    this.element = h('li', { class: 'request-item' }, this.#text, ' ', this.#go);
  }

  update(item) {
    const { runtimeId, skill, key, canWrite } = item;
    const credential = key.credential;
    this.#target = item;
    // As with skill cards: unchanged requests keep their DOM (the minute counts, for "asked 5 minutes ago").
    const inputs = JSON.stringify([runtimeId, skill.skillKey, key, canWrite, Math.floor(Date.now() / 60_000)]);
    if (inputs === this.#rendered) return;
    this.#rendered = inputs;
    replace(this.#text,
      h('strong', {}, key.keyName), ` for ${skill.skillKey} on ${runtimeId}, asked by agent `,
      h('strong', {}, credential?.requestedByAgent ?? 'unknown'), ' ', timeText(credential?.requestedAt),
      credential?.requestReason ? [': \u201c', credential.requestReason, '\u201d'] : '');
    this.#go.textContent = canWrite ? `Provide ${key.keyName}` : `Show ${key.keyName}`;
  }
}

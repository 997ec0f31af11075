// The keys agents are waiting for, at the top of the tab, so that a new request stands out.

import { h, replace } from '../../dom.js';
import { timeText } from '../../format.js';

export class RequestsSummary {
  #list = h('ul', { class: 'plain-list' });
  #onGo;

  /** @param onGo (runtimeId, credentialRef) → moves to that key */
  constructor(onGo) {
    this.#onGo = onGo;
    this.element = h('section', { class: 'requests', 'aria-labelledby': 'requests-title' },
      h('h2', { id: 'requests-title' }, 'Requests from agents'), this.#list);
  }

  /** @param pending [{ runtimeId, skill, key }] for every key whose status is pending */
  update(pending, canWrite) {
    this.element.hidden = pending.length === 0;
    replace(this.#list, pending.map(({ runtimeId, skill, key }) => h('li', { class: 'request-item' },
      h('strong', {}, key.keyName), ` for ${skill.skillKey} on ${runtimeId}, asked by agent `,
      h('strong', {}, key.credential?.requestedByAgent ?? 'unknown'), ' ', timeText(key.credential?.requestedAt),
      key.credential?.requestReason ? [': \u201c', key.credential.requestReason, '\u201d '] : ' ',
      h('button', { type: 'button', class: 'link', onclick: () => this.#onGo(runtimeId, key.credentialRef) },
        canWrite ? `Provide ${key.keyName}` : `Show ${key.keyName}`))));
  }
}

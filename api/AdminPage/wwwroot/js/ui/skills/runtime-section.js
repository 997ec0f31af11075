// One runtime's part of the Skills & Credentials tab: its state and key fingerprint, an offline banner (its keys'
// inputs are then disabled; nothing is queued), gateway reload guidance, and its skills.

import { h, replace } from '../../dom.js';
import { shortFingerprint } from '../../format.js';
import { syncKeyedList } from '../keyed-list.js';
import { gatewayNotice } from './gateway-notice.js';
import { SkillCard } from './skill-card.js';

export class RuntimeSection {
  #context;
  #header = h('div', { class: 'section-head' });
  #banners = h('div');
  #skills = h('div', { class: 'skill-grid' });
  #cards = new Map();

  constructor(context) {
    this.#context = context;
    this.element = h('section', { class: 'runtime-section' }, this.#header, this.#banners, this.#skills);
  }

  /** @param props { runtimeId, runtime ({ listing, health, sealingKey } or undefined), skills, available, canWrite, keyState } */
  update(props) {
    const { runtimeId, runtime, skills, available } = props;
    const state = available ? 'online' : runtime?.listing.state ?? 'unknown';
    this.element.dataset.runtime = runtimeId;
    replace(this.#header,
      h('h2', {}, runtimeId, ' ', h('span', { class: `badge badge-${state}` }, state)),
      runtime?.sealingKey ? h('p', { class: 'muted' }, 'Runtime key fingerprint ',
        h('code', { class: 'runtime-fingerprint', title: runtime.sealingKey.kid }, shortFingerprint(runtime.sealingKey.kid))) : null);
    replace(this.#banners,
      available ? null : h('p', { class: 'banner banner-error', 'data-banner': 'offline' },
        h('strong', {}, `${runtimeId} is ${state === 'unknown' ? 'not answering' : 'offline'}. `),
        'Keys cannot be delivered to it until it is back, and nothing is queued for later.'),
      available ? gatewayNotice(runtimeId, runtime?.health?.gatewayReload) : null,
      skills.length === 0 ? h('p', { class: 'muted' }, 'No skills installed in this runtime\u2019s workspace yet.') : null);
    syncKeyedList(this.#skills, this.#cards,
      skills.map((skill) => ({ ...props, skill, sealingKey: runtime?.sealingKey ?? null })),
      (card) => card.skill.skillKey, () => new SkillCard(this.#context));
  }

  focusKey(credentialRef) {
    for (const card of this.#cards.values()) card.focusKey(credentialRef);
  }
}

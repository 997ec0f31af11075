// One skill of one runtime: what its SKILL.md says, where OpenClaw loads it from when that is not the workspace's
// skills/ folder, and a row per key it needs.

import { h, replace } from '../../dom.js';

/** The places OpenClaw loads skills from besides the workspace's skills/ folder, as a tag on the card. */
const SOURCE_TAGS = {
  'agents-skills-project': ['project', 'From the workspace\u2019s .agents/skills folder'],
  'openclaw-managed': ['managed', 'From the gateway\u2019s managed skills folder, shared by all its agents'],
  'openclaw-bundled': ['bundled', 'Shipped with OpenClaw'],
};
import { syncKeyedList } from '../keyed-list.js';
import { KeyRow } from './key-row.js';

export class SkillCard {
  #context;
  #title = h('h3');
  #about = h('div');
  #keys = h('ul', { class: 'key-list plain-list' });
  #rows = new Map();
  #rendered = '';

  constructor(context) {
    this.#context = context;
    this.element = h('article', { class: 'skill-card' }, this.#title, this.#about, this.#keys);
  }

  /** @param props { skill, runtimeId, available, canWrite, sealingKey, keyState(key) } */
  update(props) {
    const { skill } = props;
    // Every live event re-renders the tab; with hundreds of skills, rebuilding each card's DOM is what the page
    // waits for. A card whose inputs did not change is left alone (the minute is one of them, so "5 minutes ago" moves on).
    const inputs = JSON.stringify([skill, skill.keys.map(props.keyState), props.runtimeId, props.available, props.canWrite,
      props.sealingKey?.kid ?? null, Math.floor(Date.now() / 60_000)]);
    if (inputs === this.#rendered) return;
    this.#rendered = inputs;
    this.element.dataset.skill = skill.skillKey;
    const source = SOURCE_TAGS[skill.source];
    this.element.dataset.source = skill.source ?? 'openclaw-workspace';
    replace(this.#title, skill.emoji ? `${skill.emoji} ` : '', skill.name ?? skill.skillKey,
      skill.name && skill.name !== skill.skillKey ? h('span', { class: 'muted' }, ` (${skill.skillKey})`) : null,
      source ? [' ', h('span', { class: 'tag', title: source[1] }, source[0])] : null);
    replace(this.#about,
      skill.description ? h('p', {}, skill.description) : null,
      skill.parseError ? h('p', { class: 'banner banner-error' }, `Its SKILL.md could not be read: ${skill.parseError}`) : null,
      !skill.parseError && skill.keys.length === 0 ? h('p', { class: 'muted' }, 'Needs no keys.') : null);
    syncKeyedList(this.#keys, this.#rows, skill.keys.map((key) => ({ ...props, key: props.keyState(key) })),
      (row) => row.key.credentialRef, () => new KeyRow(this.#context));
  }

  focusKey(credentialRef) {
    this.#rows.get(credentialRef)?.focus();
  }
}

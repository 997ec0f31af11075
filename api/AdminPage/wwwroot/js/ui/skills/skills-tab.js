// The Skills & Credentials tab: every skill per runtime with its keys and their status, pending requests first.

import { h } from '../../dom.js';
import { syncKeyedList } from '../keyed-list.js';
import { RequestsSummary } from './requests-summary.js';
import { RuntimeSection } from './runtime-section.js';

export class SkillsTab {
  #store;
  #context;
  #summary;
  #readOnly = h('p', { class: 'banner banner-info', hidden: true },
    'You are a member of this account: you can see skills and keys, but only owners and admins can provide or change them.');
  #runtimes = h('div', { class: 'runtime-list' });
  #noRuntimes = h('p', { class: 'muted', hidden: true }, 'No runtime is bound to this account yet.');
  #sections = new Map();

  /** @param context { writes, say(message, tone) } */
  constructor(store, context) {
    this.#store = store;
    this.#context = context;
    this.#summary = new RequestsSummary((runtimeId, credentialRef) => this.#sections.get(runtimeId)?.focusKey(credentialRef));
    this.element = h('section', { class: 'tab-panel' },
      h('h1', { class: 'visually-hidden' }, 'Skills & Credentials'), this.#readOnly, this.#summary.element, this.#noRuntimes, this.#runtimes);
    store.addEventListener('catalog', () => this.render());
    store.addEventListener('runtimes', () => this.render());
  }

  render() {
    const store = this.#store;
    const keyState = (key) => store.keyState(key);
    const runtimeIds = [...new Set([...store.runtimes.keys(), ...store.skills.map((skill) => skill.runtime)])].sort();
    const groups = runtimeIds.map((runtimeId) => ({
      runtimeId,
      runtime: store.runtimes.get(runtimeId),
      skills: store.skills.filter((skill) => skill.runtime === runtimeId),
      available: store.isAvailable(runtimeId),
      canWrite: store.canWrite,
      keyState,
    }));

    this.#readOnly.hidden = store.canWrite;
    this.#summary.update(groups.flatMap((group) => group.skills.flatMap((skill) => skill.keys.map(keyState)
      .filter((key) => key.status === 'pending')
      .map((key) => ({ runtimeId: group.runtimeId, skill, key, canWrite: store.canWrite })))));
    syncKeyedList(this.#runtimes, this.#sections, groups, (group) => group.runtimeId, () => new RuntimeSection(this.#context));
    this.#noRuntimes.hidden = groups.length > 0;
  }
}

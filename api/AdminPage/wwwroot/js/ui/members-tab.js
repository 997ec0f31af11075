// The Members tab, for owners and admins: who belongs to the account and in which role. Owners add members by
// their user id (the sign-in's subject), change roles and remove members; the account always keeps an owner. Below,
// the account's webhook.

import { explainRefusal } from '../api/refusal.js';
import { h, replace, uniqueId } from '../dom.js';
import { confirmAction } from './confirm-dialog.js';
import { WebhookSection } from './webhook-section.js';

const ROLES = ['owner', 'admin', 'member'];
const encode = encodeURIComponent;

export class MembersTab {
  #api;
  #store;
  #say;
  #members = [];
  #rows = h('tbody');
  #message = h('p', { class: 'row-message', role: 'status' });
  #form;
  #webhook;

  constructor(api, store, say) {
    this.#api = api;
    this.#store = store;
    this.#say = say;
    this.#form = this.#addForm();
    this.#webhook = new WebhookSection(api, store, say);
    this.element = h('section', { class: 'tab-panel members' },
      h('h1', {}, 'Members'),
      h('p', { class: 'muted' }, 'Owners change members and roles; admins deliver and revoke keys; members only look.'),
      h('table', { class: 'runtime-table members-table' },
        h('caption', { class: 'visually-hidden' }, 'Members and their roles'),
        h('thead', {}, h('tr', {}, ['User id', 'Role', ''].map((title) => h('th', { scope: 'col' }, title)))),
        this.#rows),
      this.#form,
      this.#message,
      this.#webhook.element);
    store.addEventListener('access', () => this.#render());
  }

  async reload() {
    if (!this.#store.canWrite) return; // members may not read the list
    this.#members = await this.#api.get(`/api/accounts/${encode(this.#store.account)}/members`);
    this.#render();
    await this.#webhook.reload();
  }

  #render() {
    const owner = this.#store.canManageMembers;
    if (!this.#store.canWrite) this.#members = []; // demoted to member meanwhile: the list is no longer theirs
    this.#form.hidden = !owner;
    replace(this.#rows, this.#members.map((member) => this.#row(member, owner)));
  }

  #row({ subject, role }, owner) {
    const you = subject === this.#store.subject ? h('span', { class: 'tag' }, 'you') : null;
    if (!owner) {
      return h('tr', { 'data-member': subject }, h('th', { scope: 'row' }, subject, you), h('td', {}, role), h('td'));
    }

    const id = uniqueId('role');
    const select = roleSelect(id, role, (next) => this.#setRole(subject, next, select));
    return h('tr', { 'data-member': subject },
      h('th', { scope: 'row' }, subject, you),
      h('td', {}, h('label', { class: 'visually-hidden', for: id }, `Role of ${subject}`), select),
      h('td', {}, h('button', { type: 'button', class: 'danger', 'aria-label': `Remove ${subject}`, onclick: () => this.#remove(subject) }, 'Remove')));
  }

  #addForm() {
    const subjectId = uniqueId('member-subject');
    const roleId = uniqueId('member-role');
    const subject = h('input', { id: subjectId, type: 'text', autocomplete: 'off', spellcheck: 'false', required: true, maxlength: 255 });
    const role = roleSelect(roleId, 'member');
    const form = h('form', { class: 'add-member', hidden: true },
      h('h2', {}, 'Add a member'),
      h('div', { class: 'field-row' },
        h('label', { for: subjectId }, 'User id'), subject,
        h('label', { for: roleId }, 'Role'), role,
        h('button', { type: 'submit', class: 'primary' }, 'Add member')),
      h('p', { class: 'hint' }, 'The user id is the subject (sub) of their sign-in, e.g. a Clerk user id user_….'));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (await this.#put(subject.value.trim(), role.value, `Added ${subject.value.trim()} as ${role.value}.`)) subject.value = '';
    });
    return form;
  }

  async #setRole(subject, role, select) {
    const previous = this.#members.find((member) => member.subject === subject)?.role ?? select.value;
    const stepsDown = subject === this.#store.subject && previous === 'owner';
    const confirmed = !stepsDown || await confirmAction({
      title: `Become ${role}?`,
      message: 'You will no longer be able to change members or roles here; another owner can make you owner again.',
      confirmLabel: `Become ${role}`,
    });
    if (!confirmed || !await this.#put(subject, role, `${subject} is now ${role}.`)) select.value = previous;
  }

  async #remove(subject) {
    const yourself = subject === this.#store.subject;
    const confirmed = await confirmAction({
      title: yourself ? 'Remove yourself?' : `Remove ${subject}?`,
      message: yourself
        ? 'You will no longer see this account or its keys, and this page will close for you. Another owner can add you again.'
        : `${subject} will no longer see this account or its keys. You can add them again later.`,
      confirmLabel: 'Remove member',
    });
    if (!confirmed) return;
    try {
      await this.#api.delete(`/api/accounts/${encode(this.#store.account)}/members/${encode(subject)}`);
      this.#tell(`Removed ${subject}.`, 'ok');
      await this.reload();
    } catch (error) {
      this.#tell(`Not removed: ${explain(error)}`, 'error');
    }
  }

  async #put(subject, role, done) {
    try {
      await this.#api.put(`/api/accounts/${encode(this.#store.account)}/members/${encode(subject)}`, { role });
      this.#tell(done, 'ok');
      await this.reload();
      return true;
    } catch (error) {
      this.#tell(`Not changed: ${explain(error)}`, 'error');
      return false;
    }
  }

  #tell(message, tone) {
    this.#message.className = `row-message tone-${tone}`;
    this.#message.textContent = message;
    this.#say(message, tone);
  }
}

function roleSelect(id, selected, onChange) {
  const select = h('select', { id }, ROLES.map((role) => h('option', { value: role, selected: role === selected }, role)));
  if (onChange) select.addEventListener('change', () => onChange(select.value));
  return select;
}

function explain(error) {
  return error.status === 403 ? 'only owners can change members.' : explainRefusal(error);
}

// Creates an account with its first owner (platform admins): POST /api/platform/accounts.

import { h, uniqueId } from '../../dom.js';
import { explainRefusal } from '../../api/refusal.js';
import { field } from './forms.js';

export function accountForm(api, { done, tell }) {
  const id = field('Account id', { pattern: '[a-z0-9][a-z0-9-]{0,62}', placeholder: 'acme', hint: 'Lower-case letters, digits and dashes; it is the page address /<id>/admin/openclaw.' });
  const name = field('Display name', { placeholder: 'Acme Inc.' });
  const owner = field('First owner (user id)', { placeholder: 'user_…', hint: 'The subject (sub) of their sign-in.' });
  const enabledId = uniqueId('account-enabled');
  const enabled = h('input', { id: enabledId, type: 'checkbox', checked: true });
  const form = h('form', { class: 'fleet-form', 'aria-labelledby': 'create-account-title' },
    h('h3', { id: 'create-account-title' }, 'Create an account'),
    id.element, name.element, owner.element,
    h('p', { class: 'check' }, enabled, ' ', h('label', { for: enabledId }, 'Skills feature on')),
    h('button', { type: 'submit', class: 'primary' }, 'Create account'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const accountId = id.input.value.trim();
    try {
      const account = await api.post('/api/platform/accounts', {
        accountId, displayName: name.input.value.trim(), ownerSubject: owner.input.value.trim(), skillsPocEnabled: enabled.checked,
      });
      tell(`Account ${account.accountId} is ready; ${owner.input.value.trim()} is its owner.`, 'ok');
      form.reset();
      done();
    } catch (error) {
      tell(`Not created: ${explainRefusal(error)}`, 'error');
    }
  });
  return form;
}

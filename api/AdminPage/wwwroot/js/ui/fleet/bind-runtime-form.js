// Binds a runtime to an account, moving it from another (platform admins): PUT /api/platform/runtimes/{r}/binding.
// A host may be bound before it first starts; one online for another account is refused (409).

import { h, replace, uniqueId } from '../../dom.js';
import { explainRefusal } from '../../api/refusal.js';
import { field } from './forms.js';

export function bindRuntimeForm(api, store, { done, tell }) {
  const runtime = field('Runtime id', { pattern: '[a-z0-9][a-z0-9-]{0,62}', placeholder: 'acme-runtime-1', hint: 'The host\u2019s RUNTIME_ID.' });
  const accountId = uniqueId('bind-account');
  const account = h('select', { id: accountId, required: true });
  let listed = '';
  const fillAccounts = () => {
    const labels = store.accounts.map((a) => `${a.accountId} (${a.displayName})`);
    if (labels.join('\n') === listed) return; // rebuilt only on change, so an open list is not pulled from under the admin
    listed = labels.join('\n');
    const chosen = account.value;
    replace(account, store.accounts.map((a, i) => h('option', { value: a.accountId, selected: a.accountId === chosen }, labels[i])));
  };
  store.addEventListener('fleet', fillAccounts);
  fillAccounts();
  const form = h('form', { class: 'fleet-form', 'aria-labelledby': 'bind-runtime-title' },
    h('h3', { id: 'bind-runtime-title' }, 'Bind a runtime to an account'),
    runtime.element,
    h('div', { class: 'form-field' }, h('label', { for: accountId }, 'Account'), account),
    h('button', { type: 'submit', class: 'primary' }, 'Bind runtime'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const id = runtime.input.value.trim();
    try {
      const change = await api.put(`/api/platform/runtimes/${encodeURIComponent(id)}/binding`, { accountId: account.value });
      const moved = change.movedFrom ? ` (moved from ${change.movedFrom})` : '';
      tell(`${change.runtimeId} is bound to ${change.accountId}${moved}; its host is ${change.state}.`, 'ok');
      runtime.input.value = '';
      done();
    } catch (error) {
      tell(`Not bound: ${explainRefusal(error)}`, 'error');
    }
  });
  return form;
}

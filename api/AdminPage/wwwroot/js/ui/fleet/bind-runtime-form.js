// Binds a runtime to an account, moving it from another (platform admins): PUT /api/platform/runtimes/{r}/binding.
// A host may be bound before it first starts; one online for another account is refused (409). The account is typed
// (a platform may have more accounts than a list can offer); the accounts on the page shown are suggested.

import { h, replace, uniqueId } from '../../dom.js';
import { explainRefusal } from '../../api/refusal.js';
import { field } from './forms.js';

export function bindRuntimeForm(api, store, { done, tell }) {
  const runtime = field('Runtime id', { pattern: '[a-z0-9][a-z0-9-]{0,62}', placeholder: 'acme-runtime-1', hint: 'The host\u2019s RUNTIME_ID.' });
  const account = field('Account', { pattern: '[a-z0-9][a-z0-9-]{0,62}', placeholder: 'acme', hint: 'The account\u2019s id; it must exist.' });
  const suggestions = h('datalist', { id: uniqueId('bind-accounts') });
  account.input.setAttribute('list', suggestions.id);
  let listed = '';
  const suggest = () => {
    const ids = store.accounts.map((a) => a.accountId);
    if (ids.join('\n') === listed) return; // rebuilt only on change, so an open list is not pulled from under the admin
    listed = ids.join('\n');
    replace(suggestions, store.accounts.map((a) => h('option', { value: a.accountId }, a.displayName)));
  };
  store.addEventListener('fleet', suggest);
  suggest();
  const form = h('form', { class: 'fleet-form', 'aria-labelledby': 'bind-runtime-title' },
    h('h3', { id: 'bind-runtime-title' }, 'Bind a runtime to an account'),
    runtime.element, account.element, suggestions,
    h('button', { type: 'submit', class: 'primary' }, 'Bind runtime'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const id = runtime.input.value.trim();
    try {
      const change = await api.put(`/api/platform/runtimes/${encodeURIComponent(id)}/binding`, { accountId: account.input.value.trim() });
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

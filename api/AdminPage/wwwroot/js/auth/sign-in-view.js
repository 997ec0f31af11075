// The sign-in screen: the configured issuer's button and, in Development, the seeded users to sign in as.

import { h, replace } from '../dom.js';

/**
 * @param choices { oidc: { authority } | null, devUsers: [{ subject, account, role }], account, error }
 * @param actions { withIssuer(), asDevUser(subject) }
 */
export function renderSignIn(main, choices, actions) {
  const { oidc, devUsers, account, error } = choices;
  const sorted = [...devUsers].sort((a, b) => Number(b.account === account) - Number(a.account === account));
  replace(main,
    h('section', { class: 'sign-in', 'aria-labelledby': 'sign-in-title' },
      h('h1', { id: 'sign-in-title' }, 'Sign in'),
      error ? h('p', { class: 'banner banner-error', role: 'alert' }, error) : null,
      oidc ? h('p', {}, h('button', { type: 'button', class: 'primary', onclick: actions.withIssuer }, `Sign in with ${new URL(oidc.authority).host}`)) : null,
      devUsers.length > 0 ? devList(sorted, account, actions) : null,
      !oidc && devUsers.length === 0 ? h('p', {}, 'No sign-in is configured for this page. Set AdminPage:Oidc:Authority and AdminPage:Oidc:ClientId.') : null));
  main.querySelector('button')?.focus();
}

function devList(users, account, actions) {
  return h('div', { class: 'dev-sign-in' },
    h('h2', {}, 'Development sign-in'),
    h('p', { class: 'muted' }, 'Tokens come from this API\u2019s development issuer. Only the chosen user is remembered in this tab, never the token.'),
    h('ul', { class: 'plain-list' },
      users.map((user) => h('li', {},
        h('button', { type: 'button', onclick: () => actions.asDevUser(user.subject) }, `Sign in as ${user.subject}`),
        ' ',
        h('span', { class: 'muted' }, user.account ? `${user.role} of ${user.account}` : user.role),
        user.account === account ? h('span', { class: 'tag' }, 'this account') : null))));
}

// Starts the admin page: reads how to sign in, signs in, then shows the account named in the address
// (/{account}/admin/openclaw) or, for platform administrators, the fleet (/admin/fleet).

import { ApiClient } from './api/api-client.js';
import { forgetDevUser } from './auth/dev-sign-in.js';
import { Session } from './auth/session.js';
import { signIn } from './auth/sign-in.js';
import { h, replace } from './dom.js';
import { AdminApp } from './ui/admin-app.js';
import { FleetApp } from './ui/fleet/fleet-app.js';
import { StatusRegion } from './ui/status-region.js';

const ACCOUNT_PATH = /^\/([a-z0-9][a-z0-9-]{0,62})\/admin\/openclaw\/?$/;
const FLEET_PATH = /^\/admin\/fleet\/?$/;
const main = document.getElementById('main');
const status = new StatusRegion(document.getElementById('status'));

function accountOf() {
  return ACCOUNT_PATH.exec(location.pathname)?.[1] ?? null;
}

async function loadConfig() {
  const response = await fetch('/admin/config.json', { cache: 'no-store', credentials: 'omit' });
  if (!response.ok) throw new Error(`its settings could not be read (${response.status})`);
  return response.json();
}

function showSignedIn({ subject, platformAdmin }, signOut) {
  const onFleet = FLEET_PATH.test(location.pathname);
  replace(document.getElementById('who'),
    platformAdmin && !onFleet ? [h('a', { href: '/admin/fleet', class: 'nav-link' }, 'Fleet'), ' '] : null,
    h('span', {}, 'Signed in as ', h('strong', { 'data-subject': subject }, subject)), ' ',
    h('button', { type: 'button', class: 'link', onclick: signOut }, 'Sign out'));
}

function showExpired() {
  replace(document.getElementById('who'));
  replace(main, h('section', { class: 'sign-in' },
    h('h1', {}, 'Signed out'),
    h('p', {}, 'Your sign-in has ended (tokens live in this page\u2019s memory only).'),
    h('p', {}, h('button', { type: 'button', class: 'primary', onclick: () => location.reload() }, 'Sign in again'))));
  status.say('Your sign-in has ended.', 'warn');
}

async function boot() {
  const config = await loadConfig();
  let app = null;
  const session = new Session(() => {
    app?.stop();
    showExpired();
  });
  session.start(await signIn(config, main, accountOf));
  const api = new ApiClient(session);
  const me = await api.get('/api/me');
  session.subject = me.subject;
  showSignedIn(me, () => {
    app?.stop();
    session.end();
    forgetDevUser();
    location.reload();
  });

  if (FLEET_PATH.test(location.pathname)) {
    document.getElementById('account-name').textContent = 'Fleet';
    document.title = 'Fleet \u00b7 SkillsOrleans';
    app = new FleetApp(main, api, status);
    await app.start();
    return;
  }

  const account = accountOf();
  if (!account) {
    replace(main, h('p', {}, 'Open this page at /<account>/admin/openclaw.'));
    return;
  }
  document.getElementById('account-name').textContent = account;
  document.title = `${account} \u00b7 OpenClaw skills \u00b7 SkillsOrleans`;
  app = new AdminApp(main, api, account, status);
  await app.start();
}

boot().catch((error) => {
  replace(main, h('p', { class: 'banner banner-error', role: 'alert' }, `The page could not start: ${error.message}`));
});

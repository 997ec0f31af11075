// Sign-in with the configured OpenID Connect issuer: authorization code flow with PKCE, done in the page.
// Across the redirect only the one-time state and PKCE verifier wait in sessionStorage (removed on return);
// the token it yields is kept in memory only.

import { challengeFor, randomToken } from './pkce.js';

const PENDING_KEY = 'skillsorleans.oidc-pending';

async function discover(oidc) {
  const response = await fetch(`${oidc.authority}/.well-known/openid-configuration`, { credentials: 'omit', cache: 'no-store' });
  if (!response.ok) throw new Error(`The sign-in issuer answered ${response.status}.`);
  const metadata = await response.json();
  if (metadata.issuer !== oidc.authority) throw new Error('The sign-in issuer names another issuer in its configuration.');
  return metadata;
}

/** Sends the browser to the issuer; it comes back to oidc.redirectPath, then to returnTo (a path on this site). */
export async function beginOidcSignIn(oidc, returnTo) {
  const metadata = await discover(oidc);
  const state = randomToken();
  const verifier = randomToken();
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ state, verifier, returnTo }));
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: oidc.clientId,
    redirect_uri: redirectUri(oidc),
    scope: oidc.scope,
    state,
    code_challenge: await challengeFor(verifier),
    code_challenge_method: 'S256',
  });
  location.assign(`${metadata.authorization_endpoint}?${query}`);
}

/** On the redirect path: trades the code for tokens, puts the page back at its return path, answers the access token. */
export async function completeOidcSignIn(oidc) {
  const answer = new URLSearchParams(location.search);
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null');
  sessionStorage.removeItem(PENDING_KEY);
  history.replaceState(null, '', safePath(pending?.returnTo)); // the code leaves the address bar and history at once
  if (answer.has('error')) throw new Error(`Sign-in failed: ${answer.get('error_description') ?? answer.get('error')}`);
  if (!pending || !answer.get('code') || answer.get('state') !== pending.state) {
    throw new Error('This sign-in answer does not belong to a sign-in started here. Sign in again.');
  }

  const metadata = await discover(oidc);
  const response = await fetch(metadata.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: answer.get('code'),
      redirect_uri: redirectUri(oidc),
      client_id: oidc.clientId,
      code_verifier: pending.verifier,
    }),
    credentials: 'omit',
    cache: 'no-store',
  });
  const tokens = await response.json().catch(() => ({}));
  if (!response.ok || typeof tokens.access_token !== 'string') {
    throw new Error(`The sign-in issuer did not give a token (${tokens.error ?? response.status}).`);
  }
  return tokens.access_token;
}

export function isOidcCallback(oidc) {
  return oidc !== null && location.pathname === oidc.redirectPath;
}

function redirectUri(oidc) {
  return `${location.origin}${oidc.redirectPath}`;
}

/** Only a path on this site: never another origin ("//host" or "https:…"). */
function safePath(path) {
  return typeof path === 'string' && /^\/(?![/\\])/.test(path) ? path : '/';
}

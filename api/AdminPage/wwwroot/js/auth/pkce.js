// RFC 7636 PKCE values made with WebCrypto: a random verifier, its S256 challenge, and a random state.

import { base64Url, randomBytes } from '../crypto/base64.js';

export function randomToken() {
  return base64Url(randomBytes(32));
}

export async function challengeFor(verifier) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(digest);
}

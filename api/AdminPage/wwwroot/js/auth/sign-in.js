// Gets a bearer token: finishing an issuer's redirect, re-using this tab's development user, or asking the user.

import { devToken, rememberedDevUser } from './dev-sign-in.js';
import { beginOidcSignIn, completeOidcSignIn, isOidcCallback } from './oidc.js';
import { renderSignIn } from './sign-in-view.js';

/** Resolves with an access token (or never, when the user goes to the issuer's sign-in page). */
export async function signIn(config, main, accountOf) {
  let error = null;
  try {
    if (isOidcCallback(config.oidc)) return await completeOidcSignIn(config.oidc);
    const remembered = config.devSignIn ? rememberedDevUser() : null;
    if (remembered) return await devToken(remembered);
  } catch (failure) {
    error = failure.message;
  }

  return new Promise((resolve) => {
    const show = (message) => renderSignIn(main, {
      oidc: config.oidc,
      devUsers: config.devSignIn ? config.devUsers : [],
      account: accountOf(),
      error: message,
    }, {
      withIssuer: () => beginOidcSignIn(config.oidc, location.pathname + location.search + location.hash).catch((failure) => show(failure.message)),
      asDevUser: (subject) => devToken(subject).then(resolve, (failure) => show(failure.message)),
    });
    show(error);
  });
}

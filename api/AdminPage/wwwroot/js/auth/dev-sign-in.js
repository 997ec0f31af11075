// Development only: tokens from the API's development issuer (GET /dev/token?sub=…) for the seeded users. The
// choice of user is remembered for this tab (sessionStorage), so a reload signs in as the same user; the token
// itself is never stored.

const CHOICE_KEY = 'skillsorleans.dev-user';

export function rememberedDevUser() {
  return sessionStorage.getItem(CHOICE_KEY);
}

export function forgetDevUser() {
  sessionStorage.removeItem(CHOICE_KEY);
}

export async function devToken(subject) {
  const response = await fetch(`/dev/token?sub=${encodeURIComponent(subject)}`, { credentials: 'omit', cache: 'no-store' });
  if (!response.ok) {
    forgetDevUser();
    throw new Error(`The development issuer refused to sign in ${subject} (${response.status}).`);
  }
  const answer = await response.json();
  sessionStorage.setItem(CHOICE_KEY, subject);
  return answer.access_token;
}

// What a refused key write means for the admin, and what the page does about it (re-read, mark offline, wait).

import { explainRefusal } from '../api/refusal.js';

/** @returns { tone, message, retryAfterSeconds? } */
export function writeOutcome(error, done, key, runtimeId, store) {
  const not = `Not ${done}`;
  switch (error?.status) {
    case 409:
      store.loadCatalog().catch(() => {});
      return { tone: 'error', message: `${not}: ${error.detail ?? 'someone changed this key meanwhile.'} The list was refreshed; check ${key.keyName} and try again.` };
    case 422:
      return { tone: 'error', message: `${not}: ${explainRefusal(error)}` };
    case 429:
      return {
        tone: 'error',
        message: `${not}: too many changes in a short time. Nothing was done; try again in ${error.retryAfterSeconds ?? 'a few'} s.`,
        retryAfterSeconds: error.retryAfterSeconds ?? 5,
      };
    case 503:
      store.markUnavailable(runtimeId);
      return { tone: 'error', message: `${not}: runtime ${runtimeId} is offline or not answering. Nothing was stored or queued; try again when it is back.` };
    case 403:
      return { tone: 'error', message: `${not}: only owners and admins of this account can change keys.` };
    case 404:
      store.loadCatalog().catch(() => {});
      return { tone: 'error', message: `${not}: ${key.keyName} is no longer known here.` };
    case 401:
      return { tone: 'error', message: `${not}: your sign-in has expired.` };
    default:
      return { tone: 'error', message: `${not}: ${error?.message ?? 'something went wrong.'}` };
  }
}

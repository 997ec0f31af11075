// Says out loud (in the aria-live region) what changes by itself while the page is open: a runtime going offline
// or coming back, and an agent asking for a key.

export function announceChanges(store, say) {
  let known = null;
  store.addEventListener('runtimes', () => {
    const now = new Map([...store.runtimes.keys()].map((id) => [id, store.isAvailable(id)]));
    for (const [id, available] of now) {
      if (known?.has(id) && known.get(id) !== available) {
        say(available ? `${id} is back online.` : `${id} went offline: keys cannot be delivered to it until it is back.`, available ? 'ok' : 'warn');
      }
    }
    known = now;
  });
}

/** For a credential event: a key that just became pending was asked for by an agent. */
export function announceRequest(credential, previous, say) {
  if (credential.status !== 'pending' || previous?.status === 'pending') return;
  const [, runtime, skill, keyName] = credential.credentialRef.split('/');
  say(`Agent ${credential.requestedByAgent ?? 'unknown'} asks for ${keyName} (${skill} on ${runtime}).`, 'info');
}

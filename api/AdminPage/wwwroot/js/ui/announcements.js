// Says out loud (in the aria-live region) what changes by itself while the page is open: a runtime going offline
// or coming back, and an agent asking for a key.

/**
 * Remembers which runtimes were available and announces each change; the first call only remembers.
 * @returns (Map runtime id → available) → void
 * @param label runtime id → how the runtime is named in a message
 */
export function availabilityWatcher(say, label = (id) => id) {
  let known = null;
  return (now) => {
    for (const [id, available] of now) {
      if (known?.has(id) && known.get(id) !== available) {
        say(available ? `${label(id)} is back online.` : `${label(id)} went offline: keys cannot be delivered to it until it is back.`, available ? 'ok' : 'warn');
      }
    }
    known = now;
  };
}

export function announceChanges(store, say) {
  const watch = availabilityWatcher(say);
  store.addEventListener('runtimes', () => watch(new Map([...store.runtimes.keys()].map((id) => [id, store.isAvailable(id)]))));
}

/**
 * Announces each agent's request as its credential event arrives: a pending credential is announced once per change
 * (ref and update time), whatever a listing re-read may have shown of it just before the event.
 * @returns (credential event) → void
 */
export function requestAnnouncer(say) {
  const announced = new Set();
  return (credential) => {
    const change = `${credential.credentialRef}@${credential.updatedAt}`;
    if (credential.status !== 'pending' || announced.has(change)) return;
    announced.add(change);
    const [, runtime, skill, keyName] = credential.credentialRef.split('/');
    say(`Agent ${credential.requestedByAgent ?? 'unknown'} asks for ${keyName} (${skill} on ${runtime}).`, 'info');
  };
}

// Seals a secret in the browser to one runtime host's public key (format 1 of docs/runtime/sealed-delivery.md):
// ECDH P-256 with a fresh ephemeral key, HKDF-SHA256 salted with a random nonce, AES-256-GCM whose additional
// data binds the runtime, credential ref, version and expiry. Only that host's private key can open it.

import { base64Url, bytesFromBase64, randomBytes } from './base64.js';

const FORMAT = 1;
const LABEL = new TextEncoder().encode('skillsorleans/sealed-secret/v1');
const P256 = { name: 'ECDH', namedCurve: 'P-256' };
export const MAX_SECRET_BYTES = 16 * 1024;

/**
 * @param hostKey the runtime's { kid, spki } from GET …/runtimes/{runtime}/sealing-key
 * @param target { runtimeId, credentialRef, version } — version is the one this delivery creates (the credential's nextVersion)
 * @param expiresAt unix seconds; the host refuses the envelope from then on (and more than 15 minutes ahead)
 * @returns the envelope object, ready to send as sealedSecret
 */
export async function sealSecret(hostKey, target, expiresAt, secret) {
  const plaintext = new TextEncoder().encode(secret);
  if (plaintext.length < 1 || plaintext.length > MAX_SECRET_BYTES) {
    throw new RangeError(`A key must be 1 to ${MAX_SECRET_BYTES} bytes long.`);
  }

  const subtle = crypto.subtle;
  const recipient = await subtle.importKey('spki', bytesFromBase64(hostKey.spki), P256, false, []);
  const ephemeral = await subtle.generateKey(P256, false, ['deriveBits']);
  const shared = await subtle.deriveBits({ name: 'ECDH', public: recipient }, ephemeral.privateKey, 256);
  const nonce = randomBytes(16);
  const iv = randomBytes(12);
  const hkdfInput = await subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  const aesKey = await subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: nonce, info: LABEL },
    hkdfInput,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt'],
  );

  const header = {
    format: FORMAT,
    kid: hostKey.kid,
    epk: base64Url(await subtle.exportKey('raw', ephemeral.publicKey)),
    runtimeId: target.runtimeId,
    credentialRef: target.credentialRef,
    version: target.version,
    expiresAt,
    nonce: base64Url(nonce),
  };
  const ciphertext = await subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: additionalData(header), tagLength: 128 },
    aesKey,
    plaintext,
  );
  plaintext.fill(0);
  return { ...header, iv: base64Url(iv), ciphertext: base64Url(ciphertext) };
}

/** The header fields in their fixed order, joined by newlines, as UTF-8. */
function additionalData(header) {
  const fields = [header.format, header.kid, header.epk, header.runtimeId, header.credentialRef, header.version, header.expiresAt, header.nonce];
  return new TextEncoder().encode(fields.map(String).join('\n'));
}

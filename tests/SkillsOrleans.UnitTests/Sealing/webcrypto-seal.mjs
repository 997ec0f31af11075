// Seals a secret to a runtime host with WebCrypto only, exactly as the admin page does in a browser
// (no Node-specific APIs in seal()). Reads {publicKey: {spki | jwk}, kid, runtimeId, credentialRef, version,
// expiresAt, plaintext} as JSON on stdin and prints the envelope JSON on stdout.

const LABEL = 'skillsorleans/sealed-secret/v1';
const P256 = { name: 'ECDH', namedCurve: 'P-256' };

function base64ToBytes(text) {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

function bytesToBase64Url(bytes) {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function importRecipient(publicKey) {
  return publicKey.jwk
    ? crypto.subtle.importKey('jwk', publicKey.jwk, P256, false, [])
    : crypto.subtle.importKey('spki', base64ToBytes(publicKey.spki), P256, false, []);
}

export async function seal({ publicKey, kid, runtimeId, credentialRef, version, expiresAt, plaintext }) {
  const subtle = crypto.subtle;
  const recipient = await importRecipient(publicKey);
  const ephemeral = await subtle.generateKey(P256, false, ['deriveBits']);
  const epk = new Uint8Array(await subtle.exportKey('raw', ephemeral.publicKey));
  const shared = await subtle.deriveBits({ name: 'ECDH', public: recipient }, ephemeral.privateKey, 256);

  const nonce = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ikm = await subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  const aesKey = await subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: nonce, info: new TextEncoder().encode(LABEL) },
    ikm,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt'],
  );

  const header = {
    format: 1,
    kid,
    epk: bytesToBase64Url(epk),
    runtimeId,
    credentialRef,
    version,
    expiresAt,
    nonce: bytesToBase64Url(nonce),
  };
  const aad = new TextEncoder().encode([
    header.format, header.kid, header.epk, header.runtimeId,
    header.credentialRef, header.version, header.expiresAt, header.nonce,
  ].join('\n'));
  const ciphertext = await subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: aad, tagLength: 128 },
    aesKey,
    new TextEncoder().encode(plaintext),
  );

  return { ...header, iv: bytesToBase64Url(iv), ciphertext: bytesToBase64Url(new Uint8Array(ciphertext)) };
}

let input = '';
for await (const chunk of process.stdin) input += chunk;
process.stdout.write(JSON.stringify(await seal(JSON.parse(input))));

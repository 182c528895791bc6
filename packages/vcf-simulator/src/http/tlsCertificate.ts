import { generateKeyPairSync } from 'node:crypto';
import { isIP } from 'node:net';
import selfsigned from 'selfsigned';

/** `selfsigned` accepts a ready key pair, though its types do not say so. */
type SelfsignedOptions = Parameters<typeof selfsigned.generate>[1] & {
  keyPair?: { privateKey: string; publicKey: string };
};

/** A PEM certificate and its private key. */
export interface TlsCertificate {
  certificatePem: string;
  privateKeyPem: string;
}

/** node-forge signs slowly under Jest (about a second), so a process reuses its certificate per host. */
const certificateByHost = new Map<string, TlsCertificate>();

/**
 * A self-signed certificate for the simulator's address, valid for
 * `localhost`, `127.0.0.1`, `::1` and the listen host. It is its own CA, so a
 * client can trust it by passing the PEM as `ca`. Generated once per process
 * and host.
 */
export function getTlsCertificate(host: string): TlsCertificate {
  let certificate = certificateByHost.get(host);
  if (!certificate) {
    certificate = generateSelfSignedCertificate(host);
    certificateByHost.set(host, certificate);
  }
  return certificate;
}

function generateSelfSignedCertificate(host: string): TlsCertificate {
  const altNames: Array<{ type: number; value?: string; ip?: string }> = [
    { type: 2, value: 'localhost' },
    { type: 7, ip: '127.0.0.1' },
    { type: 7, ip: '::1' },
  ];
  if (isIP(host)) {
    if (!altNames.some(n => n.ip === host))
      altNames.push({ type: 7, ip: host });
  } else if (host !== 'localhost') {
    altNames.push({ type: 2, value: host });
  }
  // Node's own RSA generation: node-forge falls back to slow pure JavaScript
  // when it does not recognise Node (as under Jest).
  const keyPair = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const options: SelfsignedOptions = {
    keyPair,
    keySize: 2048,
    days: 30,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true },
      {
        name: 'keyUsage',
        keyCertSign: true,
        digitalSignature: true,
        keyEncipherment: true,
      },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  };
  const generated = selfsigned.generate(
    [
      { name: 'commonName', value: 'VCF simulator' },
      { name: 'organizationName', value: 'VCF for Backstage' },
    ],
    options,
  );
  return { certificatePem: generated.cert, privateKeyPem: generated.private };
}

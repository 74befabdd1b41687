/**
 * The server's signing keys: the current one signs access tokens, the previous one (kept after a
 * rotation) still verifies the tokens it signed until they expire. Each key's `kid` is its RFC 7638
 * thumbprint, so replicas reading the same files agree on it without storing it. Both public keys
 * are published at /.well-known/jwks.json (RFC 7517). A token with a kid this process does not
 * know makes it re-read the files (at most every few seconds), so a rotation by one replica reaches
 * the others sharing the files without a restart.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { calculateJwkThumbprint, importPKCS8, importSPKI, type CryptoKey, type JWK } from 'jose';
import { SERVER_KEY_FILE } from './keys.ts';

/** The key that signed before the last rotation. */
export const PREVIOUS_SERVER_KEY_FILE = 'server-signing-key.previous.pem';

/** Unknown kids re-read the key files at most this often: a flood of forged kids costs one stat. */
const RELOAD_INTERVAL_MS = 5000;

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** Public half as published: `{ kty, n, e, kid, alg, use }`. */
  jwk: JWK;
}

function newPrivateKeyPem(): string {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/** Writes a private key readable by its owner only, replacing the file in one step. */
function writeKeyFile(file: string, pem: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, pem, { mode: 0o600 });
  renameSync(temporary, file);
}

/** A key file others can read is tightened to 0600: it is the power to mint any token. */
function readKeyFile(file: string): string {
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return readFileSync(file, 'utf8');
}

async function signingKey(privateKeyPem: string): Promise<SigningKey> {
  const publicKeyPem = createPublicKey(createPrivateKey(privateKeyPem)).export({ type: 'spki', format: 'pem' }).toString();
  const { kty, n, e } = createPublicKey(publicKeyPem).export({ format: 'jwk' });
  if (kty !== 'RSA' || !n || !e) throw new Error(`${SERVER_KEY_FILE} does not hold an RSA private key`);
  const kid = await calculateJwkThumbprint({ kty, n, e }, 'sha256');
  return {
    kid,
    privateKey: await importPKCS8(privateKeyPem, 'RS256'),
    publicKey: await importSPKI(publicKeyPem, 'RS256'),
    jwk: { kty, n, e, kid, alg: 'RS256', use: 'sig' },
  };
}

export class KeyRing {
  readonly #dataDir: string;
  #current: SigningKey;
  #previous: SigningKey | undefined;
  #loadedMtimeMs: number;
  #checkedAt = 0;

  private constructor(dataDir: string, current: SigningKey, previous: SigningKey | undefined) {
    this.#dataDir = dataDir;
    this.#current = current;
    this.#previous = previous;
    this.#loadedMtimeMs = statSync(path.join(dataDir, SERVER_KEY_FILE)).mtimeMs;
  }

  /** The keys in `dataDir`, a new one when there is none yet; `rotate` rotates first (KEY_ROTATE=1). */
  static async open(dataDir: string, options: { rotate?: boolean } = {}): Promise<KeyRing> {
    mkdirSync(dataDir, { recursive: true });
    const currentFile = path.join(dataDir, SERVER_KEY_FILE);
    if (!existsSync(currentFile)) writeKeyFile(currentFile, newPrivateKeyPem());
    else if (options.rotate) KeyRing.#rotateFiles(dataDir);
    const { current, previous } = await KeyRing.#read(dataDir);
    return new KeyRing(dataDir, current, previous);
  }

  static async #read(dataDir: string): Promise<{ current: SigningKey; previous: SigningKey | undefined }> {
    const previousFile = path.join(dataDir, PREVIOUS_SERVER_KEY_FILE);
    return {
      current: await signingKey(readKeyFile(path.join(dataDir, SERVER_KEY_FILE))),
      previous: existsSync(previousFile) ? await signingKey(readKeyFile(previousFile)) : undefined,
    };
  }

  static #rotateFiles(dataDir: string): string {
    const pem = newPrivateKeyPem();
    renameSync(path.join(dataDir, SERVER_KEY_FILE), path.join(dataDir, PREVIOUS_SERVER_KEY_FILE));
    writeKeyFile(path.join(dataDir, SERVER_KEY_FILE), pem);
    return pem;
  }

  get current(): SigningKey {
    return this.#current;
  }

  get previous(): SigningKey | undefined {
    return this.#previous;
  }

  /**
   * The key that verifies a token with this `kid`. A token without one was signed before tokens
   * carried a kid, by the key that is current unless it was rotated since.
   */
  verificationKey(kid: string | undefined): CryptoKey | undefined {
    if (kid === undefined) return this.#current.publicKey;
    if (kid === this.#current.kid) return this.#current.publicKey;
    if (kid === this.#previous?.kid) return this.#previous.publicKey;
    return undefined;
  }

  /**
   * A new current key; the current one becomes the previous one, and the one before it stops
   * verifying (its tokens die early when rotations come faster than TOKEN_TTL_SECONDS).
   */
  async rotate(): Promise<SigningKey> {
    const current = await signingKey(KeyRing.#rotateFiles(this.#dataDir));
    this.#previous = this.#current;
    this.#current = current;
    this.#loadedMtimeMs = statSync(path.join(this.#dataDir, SERVER_KEY_FILE)).mtimeMs;
    return current;
  }

  /** Re-reads the key files when another process rotated them; true when the keys changed. */
  async reload(now = Date.now()): Promise<boolean> {
    if (now - this.#checkedAt < RELOAD_INTERVAL_MS) return false;
    this.#checkedAt = now;
    const mtimeMs = statSync(path.join(this.#dataDir, SERVER_KEY_FILE)).mtimeMs;
    if (mtimeMs === this.#loadedMtimeMs) return false;
    const { current, previous } = await KeyRing.#read(this.#dataDir);
    this.#current = current;
    this.#previous = previous;
    this.#loadedMtimeMs = mtimeMs;
    return true;
  }

  jwks(): { keys: JWK[] } {
    return { keys: [this.#current.jwk, ...(this.#previous ? [this.#previous.jwk] : [])] };
  }
}

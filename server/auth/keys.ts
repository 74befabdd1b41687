/**
 * Key material kept in DATA_DIR: the name of the server's RS256 signing key file (auth/jwks.ts
 * manages it) and, when PKI_CLIENTS_FILE is unset, a demo PKI client's key pair. Generated on
 * first start, reused after.
 */
import { generateKeyPairSync, createPublicKey } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const DEMO_CLIENT_ID = 'demo-client';
export const SERVER_KEY_FILE = 'server-signing-key.pem';
export const DEMO_CLIENT_KEY_FILE = 'demo-client-private-key.pem';
export const DEMO_CLIENT_FILE = 'demo-client.json';

export const pkiClient = z.object({ username: z.string().min(1), clientId: z.string().min(1), publicKeyPem: z.string().min(1) });
export type PkiClient = z.infer<typeof pkiClient>;

export interface DemoClientFiles extends PkiClient {
  privateKeyPem: string;
  privateKeyPath: string;
}

function newRsaPair(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** Creates the demo client's key pair on first start; the username follows DEMO_USER. */
export function ensureDemoClient(dataDir: string, username: string): PkiClient {
  mkdirSync(dataDir, { recursive: true });
  const keyFile = path.join(dataDir, DEMO_CLIENT_KEY_FILE);
  const jsonFile = path.join(dataDir, DEMO_CLIENT_FILE);
  if (!existsSync(keyFile)) writeFileSync(keyFile, newRsaPair().privateKeyPem, { mode: 0o600 });
  const publicKeyPem = createPublicKey(readFileSync(keyFile, 'utf8')).export({ type: 'spki', format: 'pem' }).toString();
  const client: PkiClient = { username, clientId: DEMO_CLIENT_ID, publicKeyPem };
  writeFileSync(jsonFile, `${JSON.stringify(client, null, 2)}\n`);
  return client;
}

/** Reads the demo PKI client a server generated into `dataDir` (for tests and the e2e harness). */
export function readDemoClient(dataDir: string): DemoClientFiles {
  const privateKeyPath = path.resolve(dataDir, DEMO_CLIENT_KEY_FILE);
  const client = pkiClient.parse(JSON.parse(readFileSync(path.join(dataDir, DEMO_CLIENT_FILE), 'utf8')));
  return { ...client, privateKeyPem: readFileSync(privateKeyPath, 'utf8'), privateKeyPath };
}

export function loadPkiClients(file: string | undefined, dataDir: string, demoUser: string): PkiClient[] {
  if (file === undefined) return [ensureDemoClient(dataDir, demoUser)];
  return z.array(pkiClient).parse(JSON.parse(readFileSync(file, 'utf8')));
}

import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { CHROMIUM, EXTENSION_DIR, launchWithExtension } from './fixtures.ts';

/**
 * Sidecar in Chromium set up by enterprise policy, as an organisation deploys it: the policy file
 * (3rdparty.extensions.<id>, the extension's storage.managed) sits in a stand-in for /etc/chromium
 * that only this browser sees (chromium-with-policy.sh).
 */

/** The folder whose `policies/managed/` the browser reads. */
const POLICY_ROOT = CHROMIUM.includes('google-chrome') ? '/etc/opt/chrome' : '/etc/chromium';
const LAUNCHER = path.resolve('tests/e2e/chromium-with-policy.sh');

/** Chromium's id for an unpacked extension: SHA-256 of its directory's path, the first 32 hex digits written a–p. */
export function unpackedExtensionId(dir: string): string {
  const hex = createHash('sha256').update(dir).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join('');
}

/** Launches the built extension with `policy` as its managed storage; `workDir` holds the profile and the policy. */
export async function launchWithPolicy(workDir: string, policy: Record<string, unknown>): Promise<BrowserContext> {
  // The stand-in is mounted over the real folder, which must therefore exist (Debian's chromium package makes it).
  if (!existsSync(POLICY_ROOT)) throw new Error(`${POLICY_ROOT} does not exist: the policy test needs the browser's policy folder (install Debian's chromium: apt-get install chromium).`);
  const etc = path.join(workDir, 'policy-root');
  // What the real folder holds (Debian's master_preferences) stays in effect.
  await cp(POLICY_ROOT, etc, { recursive: true });
  await mkdir(path.join(etc, 'policies', 'managed'), { recursive: true });
  const value = { '3rdparty': { extensions: { [unpackedExtensionId(EXTENSION_DIR)]: policy } } };
  await writeFile(path.join(etc, 'policies', 'managed', 'sidecar.json'), JSON.stringify(value));
  return launchWithExtension(path.join(workDir, 'profile'), {
    executablePath: LAUNCHER,
    env: { ...stringEnv(), SIDECAR_POLICY_STANDIN: etc, SIDECAR_POLICY_ROOT: POLICY_ROOT, SIDECAR_CHROMIUM: CHROMIUM },
  });
}

function stringEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

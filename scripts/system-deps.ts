/**
 * The programs the tests drive that npm cannot install: a Chromium and a Firefox (test tools
 * cannot download browsers here) and PostgreSQL's server binaries (the contract suite also runs on
 * a real server).
 * One place finds them, for the test set-up, the end-to-end fixtures, the benchmarks and `npm start`.
 */
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { findPgBinDir } from '../server/testing/pg-cluster.ts';

function onPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const file = dir && path.join(dir, command);
    if (file && existsSync(file)) return file;
  }
  return undefined;
}

/** CHROMIUM_PATH, else Debian's chromium, else the other names Chromium and Chrome install under. */
export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  return ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'].map(onPath).find(Boolean);
}

/**
 * FIREFOX_PATH, else Debian's firefox-esr, else a firefox on the PATH; the real file, not a
 * launcher symlink, since the Firefox smoke test copies the install it lives in.
 */
export function findFirefox(): string | undefined {
  const fromEnv = process.env.FIREFOX_PATH;
  const found = fromEnv ? (existsSync(fromEnv) ? fromEnv : undefined) : ['firefox-esr', 'firefox'].map(onPath).find(Boolean);
  return found ? realpathSync(found) : undefined;
}

/** PostgreSQL's server binaries are installed, or the tests are given a server instead. */
export function hasPostgres(): boolean {
  if (process.env.TEST_DATABASE_URL) return true;
  try {
    findPgBinDir();
    return true;
  } catch {
    return false;
  }
}

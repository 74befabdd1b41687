/**
 * First step of `npm test`: makes sure the machine has what the tests drive and npm cannot bring.
 * Missing Chromium, Firefox ESR or PostgreSQL is installed from Debian's packages when running as root (a new CI
 * machine, a container); otherwise it stops with the one command to run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium, findFirefox, hasPostgres } from './system-deps.ts';

const givenChromium = process.env.CHROMIUM_PATH;
if (givenChromium && !findChromium()) {
  console.error(`CHROMIUM_PATH is ${givenChromium}, which does not exist: point it at a Chromium or Chrome, or unset it.`);
  process.exit(1);
}

const givenFirefox = process.env.FIREFOX_PATH;
if (givenFirefox && !findFirefox()) {
  console.error(`FIREFOX_PATH is ${givenFirefox}, which does not exist: point it at a Firefox (142 or later), or unset it.`);
  process.exit(1);
}

const missing = [...(findChromium() ? [] : ['chromium']), ...(findFirefox() ? [] : ['firefox-esr']), ...(hasPostgres() ? [] : ['postgresql'])];
if (missing.length === 0) process.exit(0);

const command = `apt-get install -y --no-install-recommends ${missing.join(' ')}`;
const isRoot = process.getuid?.() === 0;
if (!isRoot || !existsSync('/usr/bin/apt-get')) {
  console.error(
    `The tests need ${missing.join(' and ')}, which npm cannot install. Run:\n\n  sudo apt-get update && sudo ${command}\n\n` +
      '(or point CHROMIUM_PATH at a Chromium or Chrome, FIREFOX_PATH at a Firefox, and TEST_DATABASE_URL at a PostgreSQL server), then npm test again.',
  );
  process.exit(1);
}

console.log(`Installing ${missing.join(' and ')} from Debian's packages (needed by the tests)…`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
for (const args of [['update', '-qq'], [...command.split(' ').slice(1), '-qq']]) {
  const result = spawnSync('apt-get', args, { stdio: 'inherit', env });
  if (result.status !== 0) {
    console.error(`apt-get ${args.join(' ')} failed (exit ${result.status}).`);
    process.exit(1);
  }
}
if (!findChromium() || !findFirefox() || !hasPostgres()) {
  console.error(`Installed ${missing.join(' and ')}, but still cannot find them; set CHROMIUM_PATH / FIREFOX_PATH / PG_BIN_DIR.`);
  process.exit(1);
}

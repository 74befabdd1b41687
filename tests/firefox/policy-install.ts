import { copyFileSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A Firefox that reads our enterprise policy, without root and without touching the system
 * install. Firefox 153 reads policies.json from /etc/firefox/policies/ (Linux, root-owned) or from
 * the `distribution` folder beside its own executable, found from the running file's real path
 * (/proc/self/exe); the other overrides (browser.policies.alternatePath,
 * toolkit.policies.perUserDir) only count in automation builds or Nightly. So: a folder of symlinks
 * to the install, with copies of the executables (a symlinked one resolves back to the system
 * folder) and a distribution/policies.json of our own. A few MB, made in milliseconds.
 */
export function firefoxWithPolicies(firefox: string, into: string, policies: Record<string, unknown>): string {
  const installDir = path.dirname(firefox);
  mkdirSync(into, { recursive: true });
  for (const entry of readdirSync(installDir)) {
    if (entry === 'distribution') continue;
    const from = path.join(installDir, entry);
    const to = path.join(into, entry);
    if (entry === path.basename(firefox) || entry.startsWith('firefox')) copyFileSync(from, to);
    else symlinkSync(from, to);
  }
  // The install's own distribution folder may hold search plugins and preferences: keep them.
  mkdirSync(path.join(into, 'distribution'));
  const distribution = path.join(installDir, 'distribution');
  for (const entry of safeReaddir(distribution)) {
    if (entry !== 'policies.json') symlinkSync(path.join(distribution, entry), path.join(into, 'distribution', entry));
  }
  writeFileSync(path.join(into, 'distribution', 'policies.json'), JSON.stringify({ policies }, null, 2));
  return path.join(into, path.basename(firefox));
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

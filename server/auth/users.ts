/**
 * Who may log in with a password at /authenticate: the demo user (DEMO_USER / DEMO_PASSWORD) and
 * the users of USERS_FILE, whose passwords are stored as scrypt hashes (node:crypto):
 *
 *   [ { "username": "rep@example.com", "passwordHash": "scrypt$32768$8$1$<salt>$<key>" } ]
 *
 * `<salt>` and `<key>` are base64url; N, r and p travel in the hash, so the cost can rise later
 * without invalidating stored hashes. `npm run -s server:hash-password` prints one.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { safeEqual } from './tokens.ts';

/** N = 2^15, r = 8, p = 1: 32 MiB and tens of milliseconds per check (OWASP's scrypt floor is N = 2^17 at p = 1 for new systems with more memory to spare). */
const DEFAULT_COST = { N: 32768, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;

const HASH_PATTERN = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/;

/** Parameters scrypt accepts and a server can afford per login: N a power of two up to 2^20, r·p modest. */
function affordableCost(hash: string): boolean {
  const [, n, r, p] = HASH_PATTERN.exec(hash) ?? [];
  const [N, R, P] = [Number(n), Number(r), Number(p)];
  return N >= 2 && N <= 2 ** 20 && (N & (N - 1)) === 0 && R >= 1 && R <= 32 && P >= 1 && P <= 16;
}

export const usersFileSchema = z.array(
  z.strictObject({
    username: z.string().trim().min(1),
    passwordHash: z
      .string()
      .regex(HASH_PATTERN, 'passwordHash must be scrypt$N$r$p$salt$key (npm run -s server:hash-password)')
      .refine(affordableCost, 'passwordHash: N must be a power of two up to 2^20, r 1–32, p 1–16'),
  }),
);

function derive(password: string, salt: Buffer, length: number, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  // scrypt needs a little over 128·N·r bytes: past Node's default ceiling (32 MiB) at N = 2^15, r = 8.
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, length, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPassword(password: string, cost: { N: number; r: number; p: number } = DEFAULT_COST): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, KEY_BYTES, cost);
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, passwordHash: string): Promise<boolean> {
  const match = HASH_PATTERN.exec(passwordHash);
  if (!match) return false;
  const [, n, r, p, salt, key] = match;
  const expected = Buffer.from(key ?? '', 'base64url');
  if (expected.length === 0) return false;
  const actual = await derive(password, Buffer.from(salt ?? '', 'base64url'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return timingSafeEqual(actual, expected);
}

export interface StoredUser {
  username: string;
  passwordHash: string;
}

export function loadUsersFile(file: string): StoredUser[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`USERS_FILE ${file} could not be read as JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const parsed = usersFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`USERS_FILE ${file}: ${issue ? `${issue.path.join('.') || 'file'}: ${issue.message}` : 'not a list of { username, passwordHash }'}`);
  }
  const seen = new Set<string>();
  for (const user of parsed.data) {
    const key = user.username.toLowerCase();
    if (seen.has(key)) throw new Error(`USERS_FILE ${file}: ${user.username} is listed twice`);
    seen.add(key);
  }
  return parsed.data;
}

export class UserDirectory {
  readonly #demoUser: string;
  readonly #demoPassword: string;
  readonly #users: Map<string, StoredUser>;
  /** Checked against when the username is unknown, so the answer takes as long either way. */
  #decoy: Promise<string> | undefined;

  constructor(demo: { user: string; password: string }, users: readonly StoredUser[] = []) {
    this.#demoUser = demo.user;
    this.#demoPassword = demo.password;
    this.#users = new Map(users.map((u) => [u.username.toLowerCase(), u]));
  }

  /** The account name when the password is right, else null. Usernames are case-insensitive. */
  async check(username: string, password: string): Promise<string | null> {
    if (this.#users.size > 0) {
      const stored = this.#users.get(username.toLowerCase());
      this.#decoy ??= hashPassword(randomBytes(SALT_BYTES).toString('hex'));
      const fileOk = await verifyPassword(password, stored?.passwordHash ?? (await this.#decoy));
      if (stored && fileOk) return stored.username;
    }
    const userOk = safeEqual(username.toLowerCase(), this.#demoUser.toLowerCase());
    const passwordOk = safeEqual(password, this.#demoPassword);
    return userOk && passwordOk ? this.#demoUser : null;
  }
}

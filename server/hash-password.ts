/**
 * `printf %s "$PASSWORD" | npm run -s server:hash-password -- [username]`: prints the scrypt hash of
 * the password read from stdin, or with a username the USERS_FILE entry (server/auth/users.ts).
 * The password comes on stdin so it stays out of the shell history and the process list.
 */
import { text } from 'node:stream/consumers';
import { hashPassword } from './auth/users.ts';

const password = (await text(process.stdin)).replace(/\r?\n$/, '');
if (password.length === 0) {
  console.error('No password on stdin: printf %s "$PASSWORD" | npm run -s server:hash-password -- [username]');
  process.exit(1);
}
const passwordHash = await hashPassword(password);
const username = process.argv[2];
console.log(username ? JSON.stringify({ username, passwordHash }) : passwordHash);

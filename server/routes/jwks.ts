/** GET /.well-known/jwks.json: the public keys that verify access tokens (current and previous, by kid). */
import type { Hono } from 'hono';
import type { AppEnv, Deps } from './common.ts';

export function jwksRoutes(app: Hono<AppEnv>, deps: Deps): void {
  app.get('/.well-known/jwks.json', (c) => {
    // Short enough that verifiers see a rotation well within a token's lifetime.
    c.header('Cache-Control', 'public, max-age=300');
    return c.json(deps.tokens.keys.jwks());
  });
}

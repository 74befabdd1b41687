/** GET /.well-known/jwks.json: the public keys that verify access tokens (current and previous, by kid). */
import { z } from 'zod';
import type { Deps } from './common.ts';
import { endpoint, type Api, type Guards } from './endpoint.ts';

const jwksResponse = z.object({
  keys: z.array(z.object({ kty: z.string(), kid: z.string().optional(), alg: z.string().optional(), use: z.string().optional(), n: z.string().optional(), e: z.string().optional() }).loose()),
});

export function jwksRoutes(app: Api, guards: Guards, deps: Deps): void {
  endpoint(
    app,
    guards,
    { method: 'get', path: '/.well-known/jwks.json', tag: 'Authentication', summary: 'Public keys that verify access tokens: the current and the previous signing key, by kid', auth: 'public', response: jwksResponse },
    (c) => {
      // Short enough that verifiers see a rotation well within a token's lifetime.
      c.header('Cache-Control', 'public, max-age=300');
      return c.json(deps.tokens.keys.jwks());
    },
  );
}

import { describe, expect, it } from 'vitest';
import { contactSearchRequest } from './search-api.ts';
import { enrichContactRequest } from './enterprise-api.ts';

describe('request schemas', () => {
  it('reject unknown fields, as the contract requires', () => {
    expect(contactSearchRequest.safeParse({ job_title: ['x'] }).success).toBe(false);
    expect(enrichContactRequest.safeParse({ matchPersonInput: [{ email: 'a@b.co' }] }).success).toBe(false);
  });

  it('say which field is an empty array', () => {
    const parsed = contactSearchRequest.safeParse({ departments: [] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('departments must not be an empty array');
  });

  it('refuse per_page 0 and 101 rather than capping', () => {
    expect(contactSearchRequest.safeParse({ per_page: 0 }).success).toBe(false);
    expect(contactSearchRequest.safeParse({ per_page: 101 }).success).toBe(false);
    expect(contactSearchRequest.parse({}).per_page).toBe(25);
  });
});

import { describe, expect, it } from 'vitest';
import { customSiteMatches } from './matches.ts';

describe('customSiteMatches', () => {
  it('turns added origins into host match patterns and drops anything else', () => {
    expect(customSiteMatches(['https://crm.example.com', 'http://intranet.local:8080/path', 'javascript:alert(1)', 'not a url'])).toEqual([
      'https://crm.example.com/*',
      'http://intranet.local/*',
    ]);
  });
});

import { getDomain } from 'tldts';
import type { LookupQuery } from '../messaging.ts';
import type { Detection } from '../schemas/detection.ts';
import type { CompanyInput, PersonInput } from '../schemas/enterprise-api.ts';

/** What to ask the provider for one detection. */
export type LookupInput = { type: 'contact'; input: PersonInput; tried: string } | { type: 'company'; input: CompanyInput; tried: string };

/** Lower-case SHA-256 hex of the trimmed, lower-cased address (api-contract.md, hashedEmail). */
export async function hashEmail(email: string): Promise<string> {
  const bytes = new TextEncoder().encode(email.trim().toLowerCase());
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function lookupInputFor(d: Detection, options: { hashedEmails: boolean }): Promise<LookupInput> {
  switch (d.kind) {
    case 'email': {
      const email = d.value.trim().toLowerCase();
      return options.hashedEmails
        ? { type: 'contact', input: { hashedEmail: await hashEmail(email) }, tried: `the SHA-256 of ${email}` }
        : { type: 'contact', input: { emailAddress: email }, tried: `email ${email}` };
    }
    case 'domain':
      return { type: 'company', input: { companyWebsite: d.value }, tried: `website ${d.value}` };
    case 'company':
      return { type: 'company', input: { companyName: d.value }, tried: `company name "${d.value}"` };
    case 'person': {
      const fullName = d.person?.fullName ?? d.value;
      const input: PersonInput = { fullName };
      if (d.person?.companyName) input.companyName = d.person.companyName;
      if (d.person?.profileUrl) input.externalURL = d.person.profileUrl;
      const at = d.person?.companyName ? ` at ${d.person.companyName}` : '';
      return { type: 'contact', input, tried: `${fullName}${at}${d.person?.profileUrl ? ` (${d.person.profileUrl})` : ''}` };
    }
  }
}

/** A short description of the input for provenance ("matched on …"). */
export function describeInput(input: PersonInput | CompanyInput): string {
  return Object.entries(input)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(', ');
}

/** A user's query (quick lookup, context menu) as a detection: normalised like the page's would be. */
export function detectionFor(query: LookupQuery, source: string): Detection {
  const raw = query.value.trim();
  const value = query.kind === 'email' ? raw.toLowerCase() : query.kind === 'domain' ? (getDomain(raw) ?? raw.toLowerCase()) : raw;
  return { kind: query.kind, value, source, confidence: 1 };
}

/**
 * A page's domains as the worker keys them: the registrable domain by the full public suffix list,
 * which the content script cannot carry (it reduces hosts by the usual suffixes only).
 */
export function canonicalDomains(detections: Detection[]): Detection[] {
  return detections.map((d) => {
    if (d.kind !== 'domain') return d;
    const value = d.value.trim().toLowerCase();
    return { ...d, value: getDomain(value) ?? value };
  });
}

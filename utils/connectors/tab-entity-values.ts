/**
 * A card's entity as connector parameter values: what the page showed (its detection) overlaid
 * with what the provider answered (its lookup result) — email, domain, names, company, LinkedIn
 * URL and the provider's ids.
 */
import type { TabEntity } from '../schemas/lookup.ts';
import type { EntityValues } from './entity-values.ts';

function hostOf(website: string | null | undefined): string | null {
  if (!website) return null;
  try {
    return new URL(/^https?:\/\//i.test(website) ? website : `https://${website}`).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}

function fromDetection(entity: TabEntity): EntityValues {
  const { detection } = entity;
  switch (detection.kind) {
    case 'email':
      return { email: detection.value, domain: detection.value.split('@')[1] ?? null };
    case 'domain':
      return { domain: detection.value };
    case 'company':
      return { companyName: detection.value };
    case 'person': {
      const profile = detection.person?.profileUrl;
      return {
        fullName: detection.person?.fullName ?? detection.value,
        companyName: detection.person?.companyName ?? null,
        linkedinUrl: profile && /linkedin\.com\//i.test(profile) ? profile : null,
      };
    }
  }
}

function defined(values: EntityValues): EntityValues {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== null && value !== undefined && value !== ''));
}

export function tabEntityValues(entity: TabEntity): EntityValues {
  const seen = fromDetection(entity);
  if (entity.state.status !== 'RESULT') return defined(seen);
  const { result } = entity.state;
  if (result.type === 'company') {
    const { company } = result;
    return defined({
      ...seen,
      companyName: company.name ?? seen.companyName,
      domain: hostOf(company.website) ?? company.domainList?.[0] ?? seen.domain,
      companyProviderId: String(company.id),
      phone: company.phone ?? seen.phone,
    });
  }
  const { contact, company } = result;
  const linkedin = contact?.externalUrls?.find((entry) => /linkedin/i.test(`${entry.type ?? ''} ${entry.url ?? ''}`))?.url;
  const first = contact?.firstName ?? null;
  const last = contact?.lastName ?? null;
  return defined({
    ...seen,
    email: contact?.email ?? seen.email,
    firstName: first,
    lastName: last,
    fullName: first || last ? [first, last].filter(Boolean).join(' ') : seen.fullName,
    jobTitle: contact?.jobTitle ?? null,
    phone: contact?.phone ?? null,
    linkedinUrl: linkedin ?? seen.linkedinUrl,
    providerId: contact ? String(contact.id) : null,
    companyName: company?.name ?? contact?.company?.name ?? seen.companyName,
    companyProviderId: company ? String(company.id) : contact?.company ? String(contact.company.id) : null,
    domain: hostOf(company?.website ?? contact?.company?.website) ?? seen.domain,
  });
}

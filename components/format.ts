import type { EnrichedCompany, EnrichedContact, ContactSummary } from '../utils/schemas/enterprise-api.ts';
import type { Detection } from '../utils/schemas/detection.ts';

/** Pure formatting for the extension pages: everything returns plain strings (rendered as text). */

type Named = Pick<EnrichedContact, 'firstName' | 'lastName'> | Pick<ContactSummary, 'firstName' | 'lastName'>;

export function fullName(c: Named): string {
  return [c.firstName, c.lastName].filter(Boolean).join(' ') || 'Unnamed contact';
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')).toUpperCase() || '?';
}

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat('en-US');

export function formatCount(n: number | null | undefined): string | null {
  return n === null || n === undefined ? null : whole.format(n);
}

/** Amounts the enterprise API gives in thousands of US dollars. */
export function formatThousandsUsd(thousands: number | null | undefined): string | null {
  if (thousands === null || thousands === undefined) return null;
  return `$${compact.format(thousands * 1000)}`;
}

export function formatUsd(usd: number | null | undefined): string | null {
  return usd === null || usd === undefined ? null : `$${compact.format(usd)}`;
}

/** `2026-11-10` or an ISO instant → `10 Nov 2026`; anything unparsable is shown as given. */
export function formatDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

export function formatLocation(l: { city?: string | null; state?: string | null; country?: string | null }): string | null {
  return [l.city, l.state, l.country].filter(Boolean).join(', ') || null;
}

export function seniorityOf(c: Pick<EnrichedContact, 'managementLevel'> | Pick<ContactSummary, 'managementLevel'>): string | null {
  const level = c.managementLevel;
  if (!level) return null;
  return (typeof level === 'string' ? level : level.join(', ')) || null;
}

export function departmentOf(c: Pick<EnrichedContact, 'jobFunction'>): string | null {
  return c.jobFunction?.map((f) => f.department ?? f.name).find(Boolean) ?? null;
}

export function linkedinOf(c: Pick<EnrichedContact, 'externalUrls'>): string | null {
  return c.externalUrls?.find((u) => /linkedin/i.test(u.type ?? '') || /linkedin\.com/i.test(u.url))?.url ?? null;
}

export function industryOf(c: Pick<EnrichedCompany, 'primaryIndustry' | 'industries'>): string | null {
  const primary = c.primaryIndustry;
  if (typeof primary === 'string' && primary) return primary;
  if (Array.isArray(primary) && primary.length > 0) return primary.join(', ');
  return c.industries?.[0] ?? null;
}

/** Only http(s) links are ever made clickable; anything else (javascript:, data:) stays text. */
export function safeHref(raw: string | null | undefined): string | null {
  if (!raw) return null;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(raw) ? raw : `https://${raw}`);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/** `https://www.northwind.io/` → `northwind.io` for display. */
export function displayHost(raw: string | null | undefined): string | null {
  const href = safeHref(raw);
  if (!href) return raw ?? null;
  return new URL(href).hostname.replace(/^www\./, '');
}

export function detectionLabel(d: Detection): string {
  if (d.kind === 'person') return d.person?.fullName ?? d.value;
  return d.value;
}

export function detectionSubtitle(d: Detection): string {
  switch (d.kind) {
    case 'email':
      return 'Email';
    case 'domain':
      return 'Website';
    case 'company':
      return 'Company';
    case 'person':
      return d.person?.companyName ? `Person · ${d.person.companyName}` : 'Person';
  }
}

/** People first (emails and names), then companies (domains and names). */
export function groupOf(d: Detection): 'people' | 'companies' {
  return d.kind === 'email' || d.kind === 'person' ? 'people' : 'companies';
}

export function timeAgo(at: number, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - at) / 1000));
  if (s < 60) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.round(h / 24)} days ago`;
}

/** `high` (reference server) or `A` (the published grades, A the largest) → a short phrase. */
export function audienceLabel(strength: string | null | undefined): string | null {
  if (!strength) return null;
  return /^[A-E]$/.test(strength) ? `Audience ${strength}` : `${strength[0]?.toUpperCase() ?? ''}${strength.slice(1)} audience`;
}

/** https://www.linkedin.com/in/<slug>, lower-case, no trailing slash; null if not a profile URL. */
export function linkedinProfileUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw, 'https://www.linkedin.com');
  } catch {
    return null;
  }
  if (!/(^|\.)linkedin\.com$/i.test(url.hostname)) return null;
  const match = /^\/in\/([^/?#]+)/i.exec(url.pathname);
  if (!match?.[1]) return null;
  return `https://www.linkedin.com/in/${decodeURIComponent(match[1]).toLowerCase()}`;
}

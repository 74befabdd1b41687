/** Match patterns for the sites the user added (origins like https://crm.example.com). */
export function customSiteMatches(origins: string[]): string[] {
  return origins.flatMap((origin) => {
    try {
      const url = new URL(origin);
      return url.protocol === 'https:' || url.protocol === 'http:' ? [`${url.protocol}//${url.hostname}/*`] : [];
    } catch {
      return [];
    }
  });
}

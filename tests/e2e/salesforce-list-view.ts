/** The Salesforce list view fixture: a list view at its real URL listing seeded contacts' emails (lookups and lists e2e). */

export const LIST_URL = 'https://acme.lightning.force.com/lightning/o/Contact/list?filterName=Recent';

export async function seededEmails(serverUrl: string, n: number): Promise<string[]> {
  // The search API shares the server's FAULTS: ask until an answer comes through.
  for (let attempt = 0; attempt < 20; attempt++) {
    const response = await fetch(`${serverUrl}/api/v1/contacts`, {
      method: 'POST',
      headers: { authorization: 'Bearer demo-key', 'content-type': 'application/json' },
      body: JSON.stringify({ per_page: Math.min(n, 100) }),
      signal: AbortSignal.timeout(5000),
    }).catch(() => null);
    const body = response?.ok ? ((await response.json().catch(() => null)) as { data?: { email: string | null }[] } | null) : null;
    if (body?.data) return body.data.flatMap((c) => (c.email ? [c.email] : [])).slice(0, n);
  }
  throw new Error('the search API never answered');
}

export function listView(emails: string[]): string {
  const rows = emails
    // Email cells only: record links would make each row a person lookup too (the Salesforce
    // adapter reads people from them), and this page is about emails.
    .map((e, i) => `<tr><th scope="row">Row ${i + 1}</th><td><a href="mailto:${e}">${e}</a></td></tr>`)
    .join('\n');
  return `<!doctype html><html><head><title>Recently Viewed | Contacts | Salesforce</title></head>
<body><div class="slds-page-header"><h1>Contacts</h1></div>
<table role="grid" aria-label="Recently Viewed"><thead><tr><th>Name</th><th>Email</th></tr></thead><tbody>${rows}</tbody></table></body></html>`;
}

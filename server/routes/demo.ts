/**
 * Demo pages under /demo/, built from the demo records, so a new user sees the extension work at
 * once: a CRM-style record page, a LinkedIn-like profile page, a company contact page with e-mail
 * addresses (mailto links and plain text) and website links, and /demo/emails?n=60.
 */
import type { Hono } from 'hono';
import { html, safeUrl, type SafeHtml } from '../lib/html.ts';
import { linkedinKey } from '../lib/normalize.ts';
import { loadDemoDataset, type DemoCompany, type DemoContact } from '../seed/demo.ts';
import type { AppEnv, Deps } from './common.ts';

const STYLE = `
body { font: 15px/1.5 system-ui, sans-serif; margin: 0; color: #1d2939; background: #f5f6f8; }
header { background: #0b3d91; color: #fff; padding: 10px 24px; }
header a { color: #fff; }
main { max-width: 960px; margin: 24px auto; padding: 0 24px; }
.card { background: #fff; border: 1px solid #dde1e7; border-radius: 8px; padding: 16px 20px; margin-bottom: 16px; }
dl { display: grid; grid-template-columns: 180px 1fr; gap: 6px 16px; margin: 0; }
dt { color: #667085; }
dd { margin: 0; }
table { border-collapse: collapse; width: 100%; }
td, th { text-align: left; padding: 6px 8px; border-bottom: 1px solid #eef0f3; }
.profile h1 { margin-bottom: 0; }
.muted { color: #667085; }
`;

function page(title: string, body: SafeHtml, head: SafeHtml | string = ''): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${STYLE}</style>
${head}
</head>
<body>
<header><a href="/demo/">Sidecar demo</a> · synthetic data, no real people or companies</header>
<main>
${body}
</main>
</body>
</html>`.value;
}

function profileSlug(c: DemoContact): string | null {
  const key = linkedinKey(c.linkedin_url);
  return key?.startsWith('in/') ? key.slice(3) : null;
}

export function demoRoutes(app: Hono<AppEnv>, deps: Deps): void {
  const data = loadDemoDataset();
  const companyById = new Map(data.companies.map((c) => [c.id, c]));
  const companyOf = (c: DemoContact): DemoCompany | undefined => companyById.get(c.company_id);

  app.get('/demo', (c) => c.redirect('/demo/'));

  app.get('/demo/', (c) =>
    c.html(
      page(
        'Sidecar demo pages',
        html`<h1>Demo pages</h1>
<p>Open these with the extension installed: it finds the e-mail addresses, domains, companies and
people on each page and previews them on this reference server with free searches: no credit is
spent until you click.</p>
<p><strong>Open the side panel</strong> by clicking a Sidecar badge next to something it found, or the
Sidecar toolbar icon (pin it first: the puzzle-piece menu right of the address bar → the pin beside
Sidecar). In the panel, “Reveal email and phones” spends 1 credit, free for a person already enriched
in the last 12 months.</p>
<div class="card"><h2>Companies (contact pages)</h2><ul>
${data.companies.map((co) => html`<li><a href="/demo/companies/${co.id}">${co.name}</a> — <a href="${safeUrl(co.website)}">${co.website}</a></li>`)}
</ul></div>
<div class="card"><h2>People</h2><table><tr><th>Name</th><th>CRM record</th><th>Profile</th></tr>
${data.contacts.map((p) => {
  const slug = profileSlug(p);
  return html`<tr><td>${p.first_name} ${p.last_name}</td><td><a href="/demo/crm/contacts/${p.id}">record</a></td><td>${slug ? html`<a href="/demo/in/${encodeURIComponent(slug)}">profile</a>` : html`<span class="muted">no profile</span>`}</td></tr>`;
})}
</table></div>
<div class="card"><h2>Many e-mails</h2><p><a href="/demo/emails?n=60">A page with 60 distinct e-mail addresses</a> (any <code>n</code> up to 1000).</p></div>
<div class="card"><h2>API</h2><p><a href="/docs">API reference</a> · <a href="/openapi.json">OpenAPI document</a></p></div>`,
      ),
    ),
  );

  app.get('/demo/crm/contacts/:id', (c) => {
    const person = data.contacts.find((p) => String(p.id) === c.req.param('id'));
    if (!person) return c.html(page('Not found', html`<h1>No such demo record</h1><p><a href="/demo/">All demo pages</a></p>`), 404);
    const company = companyOf(person);
    return c.html(
      page(
        `${person.first_name} ${person.last_name} | Contact | Demo CRM`,
        html`<p class="muted">Contact · Record ${person.id}</p>
<h1>${person.first_name} ${person.last_name}</h1>
<div class="card"><h2>Details</h2><dl>
<dt>Title</dt><dd>${person.job_title ?? ''}</dd>
<dt>Account Name</dt><dd>${company ? html`<a href="/demo/companies/${company.id}">${company.name}</a>` : ''}</dd>
<dt>Website</dt><dd>${company?.website ? html`<a href="${safeUrl(company.website)}">${company.website}</a>` : ''}</dd>
<dt>Email</dt><dd>${person.email ? html`<a href="mailto:${person.email}">${person.email}</a>` : ''}</dd>
<dt>Phone</dt><dd>${person.phone ?? ''}</dd>
<dt>Department</dt><dd>${person.department ?? ''}</dd>
<dt>Mailing City</dt><dd>${person.location.city ?? ''}</dd>
<dt>Mailing Country</dt><dd>${person.location.country ?? ''}</dd>
</dl></div>`,
      ),
    );
  });

  app.get('/demo/in/:slug', (c) => {
    const slug = c.req.param('slug').toLowerCase();
    const person = data.contacts.find((p) => profileSlug(p) === slug);
    if (!person) return c.html(page('Not found', html`<h1>No such demo profile</h1><p><a href="/demo/">All demo pages</a></p>`), 404);
    const company = companyOf(person);
    return c.html(
      page(
        `${person.first_name} ${person.last_name} - ${person.job_title ?? ''} - ${company?.name ?? ''} | Demo profile`,
        html`<div class="card profile">
<h1>${person.first_name} ${person.last_name}</h1>
<p>${person.job_title ?? ''}${company ? html` at <a href="/demo/companies/${company.id}">${company.name}</a>` : ''}</p>
<p class="muted">${[person.location.city, person.location.state, person.location.country].filter(Boolean).join(', ')}</p>
</div>
<div class="card"><h2>Experience</h2><p><strong>${person.job_title ?? ''}</strong><br>${company?.name ?? ''}</p></div>
<div class="card"><h2>Contact info</h2><p>Profile: <a href="${safeUrl(person.linkedin_url)}">${person.linkedin_url ?? ''}</a></p>
${company?.website ? html`<p>Website: <a href="${safeUrl(company.website)}">${company.website}</a></p>` : ''}</div>`,
        person.linkedin_url ? html`<link rel="canonical" href="${safeUrl(person.linkedin_url)}">` : '',
      ),
    );
  });

  app.get('/demo/companies/:id', (c) => {
    const company = companyById.get(Number(c.req.param('id')));
    if (!company) return c.html(page('Not found', html`<h1>No such demo company</h1><p><a href="/demo/">All demo pages</a></p>`), 404);
    const people = data.contacts.filter((p) => p.company_id === company.id);
    return c.html(
      page(
        `Contact ${company.name}`,
        html`<h1>Contact ${company.name}</h1>
<div class="card"><p>${company.sub_industry ?? company.industry ?? ''} · ${[company.location.city, company.location.country].filter(Boolean).join(', ')}</p>
<p>Website: <a href="${safeUrl(company.website)}">${company.website ?? ''}</a>
${company.linkedin_url ? html` · <a href="${safeUrl(company.linkedin_url)}">LinkedIn</a>` : ''}</p></div>
<div class="card"><h2>Our team</h2><table><tr><th>Name</th><th>Role</th><th>E-mail</th></tr>
${people.map(
  (p, i) => html`<tr><td>${p.first_name} ${p.last_name}</td><td>${p.job_title ?? ''}</td><td>${
    p.email ? (i % 2 === 0 ? html`<a href="mailto:${p.email}">${p.email}</a>` : html`<span>${p.email}</span>`) : ''
  }</td></tr>`,
)}
</table></div>
<div class="card"><h2>Elsewhere</h2><p>Partners: ${data.companies
          .filter((o) => o.id !== company.id)
          .slice(0, 3)
          .map((o, i) => html`${i > 0 ? ', ' : ''}<a href="${safeUrl(o.website)}">${o.name}</a>`)}</p></div>`,
      ),
    );
  });

  app.get('/demo/emails', async (c) => {
    const raw = Number(c.req.query('n') ?? '60');
    const n = Number.isInteger(raw) ? Math.min(1000, Math.max(1, raw)) : 60;
    // Demo contacts first (lowest ids), then generated ones: all of them exist in the database.
    const candidates = await deps.db.query<{ email: string; name: string; company: string }>(
      `SELECT ct.email, ct.first_name || ' ' || ct.last_name AS name, co.name AS company
       FROM contacts ct JOIN companies co ON co.id = ct.company_id
       WHERE ct.email IS NOT NULL ORDER BY ct.id LIMIT $1`,
      [n * 2],
    );
    const seen = new Set<string>();
    const rows = candidates.filter((r) => !seen.has(r.email.toLowerCase()) && seen.add(r.email.toLowerCase())).slice(0, n);
    return c.html(
      page(
        `${rows.length} e-mail addresses`,
        html`<h1>${rows.length} e-mail addresses</h1>
<p class="muted">Every address below belongs to a contact in this server's database.</p>
<ol>
${rows.map((r, i) => html`<li>${r.name}, ${r.company}: ${i % 2 === 0 ? html`<a href="mailto:${r.email}">${r.email}</a>` : r.email}</li>`)}
</ol>`,
      ),
    );
  });
}

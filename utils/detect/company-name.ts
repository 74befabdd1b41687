/**
 * Legal forms at the end of a company's name. "Kräuterhof Sonnleitner GmbH" in a page's JSON-LD
 * and "Kräuterhof Sonnleitner" in its og:site_name are one company: the provider matches names
 * without their legal form, and a page lists the company once.
 */
const LEGAL_FORM =
  /[\s,]+(?:gmbh|ag|kg|se|sas|sarl|s\.?a\.?|ltd\.?|limited|plc|llc|l\.l\.c\.|inc\.?|incorporated|corp\.?|corporation|co\.?|pty\.?|ab|as|asa|aps|a\/s|oy|oyj|b\.?v\.?|n\.?v\.?|s\.?p\.?a\.?|s\.?r\.?l\.?|s\.r\.o\.|sp\. z o\.o\.|lda\.?|k\.?k\.?|de c\.?v\.?|&\s*co\.?)$/i;

/** A company's name without trailing legal forms, for comparing names (never for display). */
export function companyKey(name: string): string {
  let key = name.replace(/\s+/g, ' ').trim();
  for (let i = 0; i < 4; i++) {
    const stripped = key.replace(LEGAL_FORM, '');
    if (stripped === key || !/\p{L}/u.test(stripped)) break;
    key = stripped;
  }
  return key.toLowerCase();
}

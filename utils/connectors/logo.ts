/**
 * Connector logos: a base64 data URL of a PNG, GIF or SVG of at most 1 MB. An SVG passes only if it
 * is plain drawing: an allow-list of elements, no event handlers, no script, no foreignObject, no
 * links or url() references outside the document, no DOCTYPE/entities that could hide any of it.
 * Rendered through <img> as well, so this is the second wall, not the only one.
 */
export const MAX_LOGO_BYTES = 1024 * 1024;

const SVG_ELEMENTS = new Set([
  'svg', 'g', 'defs', 'title', 'desc', 'metadata', 'symbol', 'use',
  'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon',
  'text', 'tspan', 'textpath',
  'lineargradient', 'radialgradient', 'stop', 'clippath', 'mask', 'pattern',
  'filter', 'feblend', 'fecolormatrix', 'fecomposite', 'feflood', 'fegaussianblur', 'femerge', 'femergenode', 'feoffset', 'fedropshadow',
]);

function decodeBase64(data: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data) || data.length % 4 !== 0) return null;
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Numeric character references decoded, so `&#106;avascript:` is seen for what it is. */
function decodeReferences(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16) % 0x110000))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec) % 0x110000));
}

/** Why this SVG source is refused, or null when it is plain drawing. */
export function svgProblem(source: string): string | null {
  const text = decodeReferences(source).replace(/<!--[\s\S]*?-->/g, '');
  if (/<!(DOCTYPE|ENTITY)|<\?xml-stylesheet|<!\[CDATA\[/i.test(text)) return 'The SVG declares a DOCTYPE, entities, a stylesheet or CDATA; export it as plain SVG.';
  for (const match of text.matchAll(/<\s*([A-Za-z][\w:.-]*)/g)) {
    const tag = (match[1] ?? '').toLowerCase().replace(/^svg:/, '');
    if (tag === 'script') return 'The SVG contains a script; a logo must be a plain image.';
    if (tag === 'foreignobject') return 'The SVG contains a foreignObject (embedded HTML); a logo must be a plain image.';
    if (!SVG_ELEMENTS.has(tag)) return `The SVG contains a <${tag}> element, which a logo may not use.`;
  }
  if (/[\s"'/]on[a-z]+\s*=/i.test(text)) return 'The SVG has an event handler attribute (on…=); a logo must not run script.';
  // Browsers drop tabs and line breaks inside a URL scheme: "java\tscript:" is javascript:.
  if (/(javascript|vbscript):/i.test(text.replace(/\s+/g, ''))) return 'The SVG contains a javascript: or vbscript: URL.';
  if (/\bdata\s*:/i.test(text.replace(/xmlns(:\w+)?\s*=\s*("[^"]*"|'[^']*')/gi, ''))) return 'The SVG contains a data: URL.';
  // A CSS escape can spell url( or @import without those letters.
  if (text.includes('\\')) return 'The SVG contains a backslash escape; export it as plain SVG.';
  if (/(?:xlink:)?href\s*=\s*(?!["'])/i.test(text)) return 'The SVG has an unquoted href.';
  for (const href of text.matchAll(/(?:xlink:)?href\s*=\s*["']([^"']*)["']/gi)) {
    if (!(href[1] ?? '').trim().startsWith('#')) return 'The SVG links outside itself (href); only #fragment references are allowed.';
  }
  for (const url of text.matchAll(/url\(\s*["']?([^)"']*)/gi)) {
    if (!(url[1] ?? '').trim().startsWith('#')) return 'The SVG loads an external resource through url(); only url(#id) is allowed.';
  }
  if (/@import/i.test(text)) return 'The SVG imports a stylesheet.';
  return null;
}

/** Why this data URL is not an acceptable logo, or null. */
export function logoProblem(dataUrl: string): string | null {
  const match = /^data:image\/(png|gif|svg\+xml);base64,(.*)$/s.exec(dataUrl);
  if (!match) return 'A logo must be a PNG, GIF or SVG image (a base64 data URL).';
  const bytes = decodeBase64(match[2] ?? '');
  if (!bytes) return 'The logo data is not valid base64.';
  if (bytes.length > MAX_LOGO_BYTES) return `The logo is ${(bytes.length / 1048576).toFixed(1)} MB; the limit is 1 MB.`;
  const kind = match[1];
  const head = String.fromCharCode(...bytes.subarray(0, 8));
  if (kind === 'png' && head !== '\x89PNG\r\n\x1a\n') return 'The logo says PNG but is not a PNG file.';
  if (kind === 'gif' && !head.startsWith('GIF87a') && !head.startsWith('GIF89a')) return 'The logo says GIF but is not a GIF file.';
  if (kind === 'svg+xml') {
    const source = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    if (!/<svg[\s>]/i.test(source)) return 'The logo says SVG but has no <svg> element.';
    return svgProblem(source);
  }
  return null;
}

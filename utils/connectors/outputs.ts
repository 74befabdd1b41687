/**
 * Outputs of an action: values picked out of its JSON response by path, and the list of paths a
 * sample response offers (for "define outputs from the test result or a pasted sample").
 * Path syntax: `a.b`, `items[0].name` (one item), `items[].name` (every item, a list).
 */
import type { ActionOutput, EntityField } from './connector.ts';
import type { JsonValue } from './template.ts';

type Step = { key: string } | { index: number } | { each: true };

export function parsePath(path: string): Step[] | null {
  const steps: Step[] = [];
  const pattern = /([^.[\]]+)|\[(\d*)\]|(\.)/y;
  let expectKey = true;
  let match: RegExpExecArray | null;
  while (pattern.lastIndex < path.length && (match = pattern.exec(path))) {
    if (match[1] !== undefined) {
      if (!expectKey) return null;
      steps.push({ key: match[1] });
      expectKey = false;
    } else if (match[2] !== undefined) {
      steps.push(match[2] === '' ? { each: true } : { index: Number(match[2]) });
      expectKey = false;
    } else {
      if (expectKey) return null;
      expectKey = true;
    }
  }
  if (pattern.lastIndex !== path.length || expectKey || steps.length === 0) return null;
  return steps;
}

function walk(value: JsonValue | undefined, steps: Step[]): JsonValue | undefined {
  const [step, ...rest] = steps;
  if (step === undefined || value === undefined) return value;
  if ('each' in step) {
    if (!Array.isArray(value)) return undefined;
    return value.map((item) => walk(item, rest)).filter((item): item is JsonValue => item !== undefined);
  }
  if ('index' in step) return Array.isArray(value) ? walk(value[step.index], rest) : undefined;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  return Object.hasOwn(value, step.key) ? walk(value[step.key], rest) : undefined;
}

/** The value at `path`, or null when the response has nothing there. */
export function valueAt(json: JsonValue, path: string): JsonValue {
  const steps = parsePath(path);
  if (!steps) return null;
  return walk(json, steps) ?? null;
}

export interface ExtractedOutput {
  label: string;
  path: string;
  value: JsonValue;
}

export function extractOutputs(json: JsonValue, outputs: readonly ActionOutput[]): ExtractedOutput[] {
  return outputs.map((output) => ({ label: output.label, path: output.path, value: valueAt(json, output.path) }));
}

export interface OutputField {
  path: string;
  /** A label to start from: the last key, words split. */
  suggestedLabel: string;
  sample: JsonValue;
}

const MAX_FIELDS = 500;
const MAX_DEPTH = 10;

function labelFor(path: string): string {
  const last = path.split(/[.[\]]+/).filter(Boolean).at(-1) ?? path;
  const words = last.replace(/[_-]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const GUESSES: [RegExp, EntityField][] = [
  [/e-?mail/, 'email'],
  [/linkedin/, 'linkedinUrl'],
  [/^(first|given)(name)?$/, 'firstName'],
  [/^(last|family|sur)(name)?$/, 'lastName'],
  [/^(full)?name$/, 'fullName'],
  [/^(company|account|organi[sz]ation|employer)(name)?$/, 'companyName'],
  [/^(domain|website|homepage|companydomain|companywebsite)$/, 'domain'],
  [/^(job)?title$/, 'jobTitle'],
];

/**
 * A first guess at what an output is, from its key and label, for the admin to keep or change: a
 * `name` under accounts or companies is a company's, anywhere else a person's.
 */
export function guessEntityField(path: string, label: string): EntityField | undefined {
  const squash = (s: string) => s.toLowerCase().replace(/[^a-z]/g, '');
  const key = squash(path.split(/[.[\]]+/).filter(Boolean).at(-1) ?? '');
  const found = [squash(label), key].map((word) => GUESSES.find(([pattern]) => pattern.test(word))?.[1]).find((field) => field !== undefined);
  if (found === 'fullName' && /(account|compan|organi[sz]ation|business)/i.test(`${path} ${label}`)) return 'companyName';
  return found;
}

/** Every leaf path of a sample (arrays as `[]`, their items' keys merged), for picking outputs. */
export function outputFields(sample: JsonValue): OutputField[] {
  const fields = new Map<string, JsonValue>();
  const visit = (value: JsonValue, path: string, depth: number) => {
    if (fields.size >= MAX_FIELDS || depth > MAX_DEPTH) return;
    if (Array.isArray(value)) {
      const scalars = value.filter((item) => item === null || typeof item !== 'object');
      if (scalars.length === value.length && path) fields.set(path, value);
      for (const item of value.slice(0, 20)) if (item !== null && typeof item === 'object') visit(item, `${path}[]`, depth + 1);
      return;
    }
    if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        const safeKey = /^[^.[\]]+$/.test(key) ? key : null;
        if (safeKey) visit(item, path ? `${path}.${safeKey}` : safeKey, depth + 1);
      }
      return;
    }
    if (path && !fields.has(path)) fields.set(path, value);
  };
  visit(sample, '', 0);
  return [...fields].map(([path, value]) => ({ path, suggestedLabel: labelFor(path), sample: value }));
}

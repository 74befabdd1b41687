import { SidecarError } from '../errors.ts';
import type { LookupValue } from '../schemas/enterprise-readers.ts';

/**
 * The published `techAttributeTagList` takes technology tags in dot notation
 * (`parent-category.category.vendor`, `*` for any part; its description escapes it as `\*`), never
 * names. The search form takes names, so the provider swaps each for its tag from the lookup.
 */
const TAG = /^(\d+|\*)\.(\d+|\*)\.(\d+|\*)$/;

export function isTechTag(item: string): boolean {
  return TAG.test(item.trim().replace(/\\/g, ''));
}

/** Whether a comma-separated list holds anything but tags, i.e. needs the lookup. */
export function namesTechnologies(list: string): boolean {
  return list.split(',').some((item) => item.trim() !== '' && !isTechTag(item));
}

/** The list with each name (any case) replaced by its tag; a name the lookup lacks is an error that says so. */
export function toTechTags(list: string, technologies: readonly LookupValue[]): string {
  const byName = new Map(technologies.map((t) => [t.name.trim().toLowerCase(), String(t.id)]));
  const items = list.split(',').map((item) => item.trim()).filter((item) => item !== '');
  return items
    .map((item) => {
      if (isTechTag(item)) return item;
      const tag = byName.get(item.toLowerCase());
      if (tag === undefined) throw new SidecarError('invalid_input', `“${item}” is not a technology your provider lists; pick one of the suggested technologies.`);
      return tag;
    })
    .join(',');
}

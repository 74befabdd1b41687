/**
 * Technology tags as the published API numbers them: `parent-category.category.vendor` in dot
 * notation (`333.202.28`), what `techAttributeTagList` takes and `/lookup/tech/product` lists.
 * Ids follow first appearance in the seed's technology list, so appending a technology keeps them.
 */
import { ApiFailure } from '../lib/errors.ts';
import { TECHNOLOGIES, TECH_PARENT_CATEGORY } from '../seed/pools.ts';

export interface TechProduct {
  /** The dot-notation tag: parent category, category and vendor ids. */
  attribute: string;
  product: string;
  category: string;
  categoryParent: string;
  vendor: string;
}

function numbering(names: string[]): Map<string, number> {
  const ids = new Map<string, number>();
  for (const name of names) if (!ids.has(name)) ids.set(name, ids.size + 1);
  return ids;
}

function parentOf(category: string): string {
  const parent = TECH_PARENT_CATEGORY[category];
  if (!parent) throw new Error(`technology category "${category}" has no parent category in TECH_PARENT_CATEGORY`);
  return parent;
}

const parents = numbering(TECHNOLOGIES.map((t) => parentOf(t.category)));
const categories = numbering(TECHNOLOGIES.map((t) => t.category));
const vendors = numbering(TECHNOLOGIES.map((t) => t.vendor));

/** Every technology of this data, in the seed's order. */
export const TECH_PRODUCTS: readonly TechProduct[] = TECHNOLOGIES.map((t) => {
  const categoryParent = parentOf(t.category);
  return {
    attribute: [parents.get(categoryParent), categories.get(t.category), vendors.get(t.vendor)].join('.'),
    product: t.tag,
    category: t.category,
    categoryParent,
    vendor: t.vendor,
  };
});

/** `/lookup/tech/product`: each technology by the tag `techAttributeTagList` takes for it. */
export function techLookup(): { id: string; name: string }[] {
  return TECH_PRODUCTS.map((t) => ({ id: t.attribute, name: t.product }));
}

export const TECH_BY_PRODUCT = new Map(TECH_PRODUCTS.map((t) => [t.product, t]));

/** One tag: three parts, each a number or `*` (any). */
const TAG = /^(\d+|\*)\.(\d+|\*)\.(\d+|\*)$/;

/**
 * The products a comma-separated `techAttributeTagList` names, lower-cased as `technologies_lc`
 * stores them. Names are not tags (the published description takes only the dot notation): a 400
 * that points at the lookup.
 */
export function productsTagged(raw: string): string[] {
  const tags = raw.split(',').map((t) => t.trim().replace(/\\/g, '')).filter((t) => t.length > 0);
  if (tags.length === 0) throw new ApiFailure('invalid_input', 'techAttributeTagList must name at least one technology tag (comma-separated).');
  const patterns = tags.map((tag) => {
    const parts = TAG.exec(tag);
    if (!parts) {
      throw new ApiFailure(
        'invalid_input',
        `techAttributeTagList takes technology tags in dot notation (parent-category.category.vendor, e.g. ${TECH_PRODUCTS[0]?.attribute ?? '1.1.1'}; * for any part), as GET /lookup/tech/product lists them; "${tag.slice(0, 60)}" is not one.`,
      );
    }
    return parts.slice(1);
  });
  return TECH_PRODUCTS.filter((t) => {
    const ids = t.attribute.split('.');
    return patterns.some((p) => p.every((part, i) => part === '*' || Number(part) === Number(ids[i])));
  }).map((t) => t.product.toLowerCase());
}

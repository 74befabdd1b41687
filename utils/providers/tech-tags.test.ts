import { describe, expect, it } from 'vitest';
import { SidecarError } from '../errors.ts';
import { isTechTag, namesTechnologies, toTechTags } from './tech-tags.ts';

const lookup = [
  { id: '2.3.4', name: 'Snowflake' },
  { id: '3.5.6', name: 'AWS' },
];

describe('technology tags for techAttributeTagList', () => {
  it('knows the published dot notation, wildcards and their escaped form', () => {
    for (const tag of ['333.202.28', '333.202.*', '*.202.*', '333.202.\\*']) expect(isTechTag(tag), tag).toBe(true);
    for (const item of ['Snowflake', '333.202', '333.202.28.1', '1.a.2', '']) expect(isTechTag(item), item).toBe(false);
    expect(namesTechnologies('333.202.28, 1.2.*')).toBe(false);
    expect(namesTechnologies('333.202.28, Snowflake')).toBe(true);
  });

  it('swaps names, in any case, for the lookup’s tags and keeps tags as typed', () => {
    expect(toTechTags('snowflake, AWS , 9.9.*', lookup)).toBe('2.3.4,3.5.6,9.9.*');
  });

  it('refuses a name the lookup lacks, saying which', () => {
    expect(() => toTechTags('Snowflake, Cobol', lookup)).toThrowError(SidecarError);
    expect(() => toTechTags('Snowflake, Cobol', lookup)).toThrowError(/“Cobol” is not a technology your provider lists/);
  });
});

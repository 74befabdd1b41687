import { describe, expect, it } from 'vitest';
import type { OrgPerson } from '../schemas/enterprise-readers.ts';
import { buildOrgTree, headcount, treeDepth, type OrgNode } from './org-tree.ts';

const person = (id: number, tier: number, department: string, managerId: number | null = null, subTier = 1): OrgPerson => ({
  id,
  firstName: `P${id}`,
  lastName: 'X',
  department,
  tier,
  subTier,
  managerId,
});

/** The tree as nested ids: [id, [reports…]]. */
type Shape = [number, Shape[]];
const shape = (nodes: OrgNode[]): Shape[] => nodes.map((n) => [n.person.id, shape(n.reports)]);

describe('buildOrgTree', () => {
  it('follows the managers the provider names, ordered by tier and sub-tier', () => {
    const people = [person(4, 3, 'Sales', 2), person(1, 1, 'Executive'), person(3, 2, 'Engineering', 1, 2), person(2, 2, 'Sales', 1, 1), person(5, 3, 'Engineering', 3)];
    const roots = buildOrgTree(people);
    expect(shape(roots)).toEqual([
      [
        1,
        [
          [2, [[4, []]]],
          [3, [[5, []]]],
        ],
      ],
    ]);
    expect(treeDepth(roots)).toBe(3);
    expect(roots[0] ? headcount(roots[0]) : 0).toBe(4);
  });

  it('with tiers only (the published answer), a person reports to someone one tier up in their department, else anyone one tier up', () => {
    const people = [person(1, 1, 'C-Suite'), person(2, 2, 'Sales'), person(3, 2, 'Engineering'), person(4, 3, 'Engineering'), person(5, 3, 'Finance')];
    expect(shape(buildOrgTree(people))).toEqual([
      [
        1,
        [
          [2, [[5, []]]],
          [3, [[4, []]]],
        ],
      ],
    ]);
  });

  it('a named manager missing from the chart falls back to the tiers; nobody above makes a root', () => {
    const people = [person(1, 1, 'Sales'), person(2, 2, 'Sales', 99), person(7, 3, 'Legal', 98)];
    expect(shape(buildOrgTree(people))).toEqual([[1, [[2, [[7, []]]]]]]);
    expect(shape(buildOrgTree([person(8, 2, 'Sales'), person(9, 2, 'Legal')]))).toEqual([
      [8, []],
      [9, []],
    ]);
  });

  it('a loop of named managers still shows everyone exactly once', () => {
    const people = [person(1, 2, 'Sales', 2), person(2, 2, 'Sales', 1), person(3, 3, 'Sales', 1)];
    const roots = buildOrgTree(people);
    const ids = (nodes: OrgNode[]): number[] => nodes.flatMap((n) => [n.person.id, ...ids(n.reports)]);
    expect(ids(roots).sort()).toEqual([1, 2, 3]);
    expect(roots.length).toBeGreaterThan(0);
  });

  it('no people, no tree', () => {
    expect(buildOrgTree([])).toEqual([]);
    expect(treeDepth([])).toBe(0);
  });
});

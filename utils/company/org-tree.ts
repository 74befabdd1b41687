import type { OrgPerson } from '../schemas/enterprise-readers.ts';

export interface OrgNode {
  person: OrgPerson;
  reports: OrgNode[];
}

const byPlace = (a: OrgPerson, b: OrgPerson) => a.tier - b.tier || a.subTier - b.subTier || a.id - b.id;

/**
 * The reports-to tree of an org chart. A person's manager is the one the provider names when that
 * person is in the chart; otherwise (the published API gives only tiers) the first person one tier
 * up in the same department, else the first one tier up at all. Nobody above: a root. A named
 * manager that would make a loop is ignored, so every person appears exactly once.
 */
export function buildOrgTree(people: readonly OrgPerson[]): OrgNode[] {
  const sorted = [...people].sort(byPlace);
  const ids = new Set(sorted.map((p) => p.id));
  const managerOf = new Map<number, number | null>();
  for (const p of sorted) {
    if (p.managerId !== null && p.managerId !== p.id && ids.has(p.managerId)) {
      managerOf.set(p.id, p.managerId);
      continue;
    }
    const above = sorted.filter((q) => q.tier === p.tier - 1);
    managerOf.set(p.id, (above.find((q) => q.department && q.department === p.department) ?? above[0])?.id ?? null);
  }
  // Break loops: a walk up that comes back to its start makes that person a root.
  for (const p of sorted) {
    const seen = new Set<number>([p.id]);
    let up = managerOf.get(p.id) ?? null;
    while (up !== null) {
      if (seen.has(up)) {
        if (up === p.id) managerOf.set(p.id, null);
        break;
      }
      seen.add(up);
      up = managerOf.get(up) ?? null;
    }
  }
  const nodes = new Map(sorted.map((p) => [p.id, { person: p, reports: [] as OrgNode[] }]));
  const roots: OrgNode[] = [];
  for (const p of sorted) {
    const node = nodes.get(p.id);
    if (!node) continue;
    const manager = nodes.get(managerOf.get(p.id) ?? Number.NaN);
    (manager ? manager.reports : roots).push(node);
  }
  return roots;
}

/** How many levels the tree has (a lone root is one). */
export function treeDepth(nodes: readonly OrgNode[]): number {
  return nodes.reduce((deepest, n) => Math.max(deepest, 1 + treeDepth(n.reports)), 0);
}

/** Everyone under this node, at any depth. */
export function headcount(node: OrgNode): number {
  return node.reports.reduce((n, r) => n + 1 + headcount(r), 0);
}

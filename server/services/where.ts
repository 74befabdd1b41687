/** Building parameterised WHERE clauses for the search queries. */
import type { SqlParam } from '../db/index.ts';

/** Collects WHERE clauses with numbered parameters. */
export class Where {
  readonly clauses: string[] = [];
  readonly params: SqlParam[] = [];
  param(value: SqlParam): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }
  add(clause: string): void {
    this.clauses.push(clause);
  }
  get sql(): string {
    return this.clauses.length ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }
}

import type { RankingRow } from './api/scores';

export interface RankingGroup {
  code: string;
  name: string;
  rows: RankingRow[];
}

/** Splits a period's ranking into its emulation groups, keeping the server's order by rank. */
export function groupRows(rows: RankingRow[]): RankingGroup[] {
  const groups = new Map<string, RankingGroup>();
  for (const row of rows) {
    const group = groups.get(row.group) ?? { code: row.group, name: row.group_name, rows: [] };
    group.rows.push(row);
    groups.set(row.group, group);
  }
  return [...groups.values()];
}

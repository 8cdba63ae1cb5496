import type { RankingRow } from './api/scores';

export interface RankingGroup {
  code: string;
  name: string;
  rows: RankingRow[];
}

/** Splits a period's ranking into its emulation groups, keeping the server's order by rank. */
export function groupRows(rows: RankingRow[], groupNames: Map<string, string>): RankingGroup[] {
  const groups = new Map<string, RankingGroup>();
  for (const row of rows) {
    if (!row.group) continue;
    const group = groups.get(row.group) ?? { code: row.group, name: groupNames.get(row.group) ?? row.group, rows: [] };
    group.rows.push(row);
    groups.set(row.group, group);
  }
  return [...groups.values()];
}

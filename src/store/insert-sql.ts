/** The text of a multi-row INSERT, shared by both dialects (only the parameter style differs). */
export function insertSql(
  table: string,
  columns: string[],
  rows: number,
  ignoreConflicts: boolean,
  param: () => string,
): string {
  const values = Array.from({ length: rows }, () => `(${columns.map(() => param()).join(', ')})`).join(', ');
  const quoted = columns.map((c) => `"${c}"`).join(', ');
  return `INSERT INTO "${table}" (${quoted}) VALUES ${values}${ignoreConflicts ? ' ON CONFLICT DO NOTHING' : ''}`;
}

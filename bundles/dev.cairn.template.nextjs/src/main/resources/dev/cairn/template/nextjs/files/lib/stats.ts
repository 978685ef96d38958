/** Pure functions behind the dashboard: key figures, grouping for the chart, sorting, formatting. */

export type Value = string | number | boolean | null;
export type Row = Record<string, Value>;
export type Column = { name: string; label: string; type: "str" | "int" | "float" | "bool" | "date"; numeric: boolean };
export type Kpi = { label: string; value: number };
export type Group = { key: string; total: number };

const numbers = (rows: Row[], column: string): number[] =>
  rows.map((r) => r[column]).filter((v): v is number => typeof v === "number" && Number.isFinite(v));

/** Record count, then the total and average of each numeric column (at most three). */
export function kpis(rows: Row[], columns: Column[]): Kpi[] {
  const cards: Kpi[] = [{ label: "Records", value: rows.length }];
  for (const column of columns.filter((c) => c.numeric).slice(0, 3)) {
    const values = numbers(rows, column.name);
    const total = values.reduce((a, b) => a + b, 0);
    cards.push({ label: `Total ${column.label}`, value: total });
    cards.push({ label: `Average ${column.label}`, value: values.length ? total / values.length : 0 });
  }
  return cards;
}

/** Sum of `value` per distinct `by` (or a count per `by` when value is null), largest first. */
export function groupTotals(rows: Row[], by: string, value: string | null): Group[] {
  const totals = new Map<string, number>();
  for (const row of rows) {
    const key = row[by] === null || row[by] === undefined ? "(none)" : String(row[by]);
    const add = value === null ? 1 : typeof row[value] === "number" ? (row[value] as number) : 0;
    totals.set(key, (totals.get(key) ?? 0) + add);
  }
  return [...totals.entries()].map(([key, total]) => ({ key, total }))
    .sort((a, b) => b.total - a.total || a.key.localeCompare(b.key));
}

/** Bar lengths proportional to the values, the largest filling `max`. */
export function scale(values: number[], max: number): number[] {
  const top = Math.max(0, ...values);
  return values.map((v) => (top > 0 ? Math.max(0, (v / top) * max) : 0));
}

/** A stable sort; missing values last in both directions. */
export function sortRows(rows: Row[], key: string, descending = false): Row[] {
  return rows.map((row, index) => ({ row, index })).sort((a, b) => {
    const x = a.row[key];
    const y = b.row[key];
    if (x === null || x === undefined) return y === null || y === undefined ? a.index - b.index : 1;
    if (y === null || y === undefined) return -1;
    const order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
    return (descending ? -order : order) || a.index - b.index;
  }).map((e) => e.row);
}

export function formatNumber(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString("en-US")
    : value.toLocaleString("en-US", { maximumFractionDigits: 2, minimumFractionDigits: 2 });
}

export function formatCell(value: Value, column: Column): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") return column.type === "int" ? value.toLocaleString("en-US") : formatNumber(value);
  return value;
}

"use client";

import { useEffect, useMemo, useState } from "react";
import type { Column, Row } from "@/lib/stats";
import { formatCell, sortRows } from "@/lib/stats";

/** The records, sortable by clicking a column header (client-side: proves the page hydrated). */
export function DataTable({ rows, columns }: { rows: Row[]; columns: Column[] }) {
  const [sort, setSort] = useState<{ key: string; descending: boolean } | null>(null);
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const shown = useMemo(() => (sort ? sortRows(rows, sort.key, sort.descending) : rows), [rows, sort]);
  return (
    <table data-hydrated={hydrated ? "true" : "false"}>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.name} className={c.numeric ? "num" : undefined}
                aria-sort={sort?.key === c.name ? (sort.descending ? "descending" : "ascending") : "none"}>
              <button type="button" data-sort={c.name}
                      onClick={() => setSort({ key: c.name, descending: sort?.key === c.name ? !sort.descending : false })}>
                {c.label}
              </button>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {shown.map((row, i) => (
          <tr key={i}>
            {columns.map((c) => (
              <td key={c.name} className={c.numeric ? "num" : undefined}>{formatCell(row[c.name], c)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

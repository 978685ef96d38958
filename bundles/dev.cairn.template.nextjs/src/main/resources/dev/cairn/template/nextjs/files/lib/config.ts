import dashboard from "@/data/dashboard.json";
import type { Column } from "./stats";

export type Config = {
  title: string;
  description: string;
  tableTitle: string;
  columns: Column[];
  chart: { title: string; by: string; value: string | null } | null;
  sortColumn: string;
  records: number;
};

/** What to show (data/dashboard.json, written from the spec): titles, columns, the chart. */
export const config = dashboard as Config;

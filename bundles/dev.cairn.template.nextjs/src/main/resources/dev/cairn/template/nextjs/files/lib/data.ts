import records from "@/data/records.json";
import type { Row } from "./stats";

/** The dashboard's records (data/records.json), read at build time. */
export const rows: Row[] = records as Row[];

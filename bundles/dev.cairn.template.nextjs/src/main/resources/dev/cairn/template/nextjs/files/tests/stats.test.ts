import { describe, expect, it } from "vitest";
import { config } from "@/lib/config";
import { rows } from "@/lib/data";
import { groupTotals, kpis, scale, sortRows } from "@/lib/stats";

describe("the data", () => {
  it("has records whose values match the declared column types", () => {
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      for (const column of config.columns) {
        const v = row[column.name];
        if (v === null || v === undefined) continue;
        if (column.numeric) expect(typeof v).toBe("number");
        if (column.type === "int") expect(Number.isInteger(v)).toBe(true);
        if (column.type === "bool") expect(typeof v).toBe("boolean");
        if (column.type === "date") expect(String(v)).toMatch(/^\d{4}-\d{2}-\d{2}/);
      }
    }
  });
});

describe("key figures", () => {
  it("count the records and total each numeric column", () => {
    const cards = kpis(rows, config.columns);
    expect(cards[0]).toEqual({ label: "Records", value: rows.length });
    const numeric = config.columns.filter((c) => c.numeric).slice(0, 3);
    expect(cards).toHaveLength(1 + 2 * numeric.length);
    for (const column of numeric) {
      const total = rows.reduce((sum, r) => sum + (typeof r[column.name] === "number" ? (r[column.name] as number) : 0), 0);
      expect(cards.find((c) => c.label === `Total ${column.label}`)?.value).toBeCloseTo(total, 6);
    }
  });

  it("are zero, not NaN, without rows", () => {
    for (const card of kpis([], config.columns)) expect(card.value).toBe(0);
  });
});

describe("chart grouping", () => {
  it("splits the whole total across groups, largest first", () => {
    if (!config.chart) return;
    const groups = groupTotals(rows, config.chart.by, config.chart.value);
    const value = config.chart.value;
    const whole = value === null ? rows.length
      : rows.reduce((sum, r) => sum + (typeof r[value] === "number" ? (r[value] as number) : 0), 0);
    expect(groups.reduce((sum, g) => sum + g.total, 0)).toBeCloseTo(whole, 6);
    for (let i = 1; i < groups.length; i++) expect(groups[i - 1].total).toBeGreaterThanOrEqual(groups[i].total);
  });

  it("scales bars to the largest value", () => {
    expect(scale([5, 10, 0], 200)).toEqual([100, 200, 0]);
    expect(scale([], 200)).toEqual([]);
  });
});

describe("sorting", () => {
  it("orders by any column both ways and keeps missing values last", () => {
    for (const column of config.columns) {
      const up = sortRows(rows, column.name);
      const down = sortRows(rows, column.name, true);
      expect(up).toHaveLength(rows.length);
      const present = (r: typeof rows) => r.filter((x) => x[column.name] !== null && x[column.name] !== undefined);
      expect(up.slice(present(up).length).every((r) => r[column.name] === null || r[column.name] === undefined)).toBe(true);
      if (column.numeric && present(up).length > 1) {
        expect(present(up)[0][column.name] as number).toBeLessThanOrEqual(present(down)[0][column.name] as number);
      }
    }
  });
});

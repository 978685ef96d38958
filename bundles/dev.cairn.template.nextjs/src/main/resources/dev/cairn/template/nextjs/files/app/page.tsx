import { BarChart } from "@/components/BarChart";
import { DataTable } from "@/components/DataTable";
import { KpiCards } from "@/components/KpiCards";
import { config } from "@/lib/config";
import { rows } from "@/lib/data";
import { groupTotals, kpis } from "@/lib/stats";

export default function Dashboard() {
  const cards = kpis(rows, config.columns);
  const chart = config.chart ? groupTotals(rows, config.chart.by, config.chart.value) : [];
  return (
    <main>
      <h1>{config.title}</h1>
      <p className="lead">{config.description}</p>
      <KpiCards cards={cards} />
      {config.chart && (
        <section className="panel" aria-label="chart">
          <h2>{config.chart.title}</h2>
          <BarChart data={chart} />
        </section>
      )}
      <section className="panel" aria-label="table">
        <h2>{config.tableTitle}</h2>
        <DataTable rows={rows} columns={config.columns} />
      </section>
    </main>
  );
}

import type { Kpi } from "@/lib/stats";
import { formatNumber } from "@/lib/stats";

export function KpiCards({ cards }: { cards: Kpi[] }) {
  return (
    <section className="kpis" aria-label="key figures">
      {cards.map((card) => (
        <div className="kpi" key={card.label} data-kpi={card.label}>
          <div className="label">{card.label}</div>
          <div className="value">{formatNumber(card.value)}</div>
        </div>
      ))}
    </section>
  );
}

import type { Group } from "@/lib/stats";
import { formatNumber, scale } from "@/lib/stats";

/** A dependency-free SVG bar chart, rendered on the server. */
export function BarChart({ data }: { data: Group[] }) {
  const width = 640;
  const barHeight = 26;
  const labelWidth = 140;
  const height = data.length * (barHeight + 8) + 8;
  const widths = scale(data.map((d) => d.total), width - labelWidth - 90);
  return (
    <svg role="img" aria-label="bar chart" viewBox={`0 0 ${width} ${height}`} width="100%" height={height}>
      {data.map((d, i) => (
        <g key={d.key} transform={`translate(0, ${8 + i * (barHeight + 8)})`}>
          <text className="axis" x={labelWidth - 8} y={barHeight / 2 + 4} textAnchor="end">{d.key}</text>
          <rect className="bar" x={labelWidth} width={widths[i]} height={barHeight} rx={3} />
          <text className="axis" x={labelWidth + widths[i] + 6} y={barHeight / 2 + 4}>{formatNumber(d.total)}</text>
        </g>
      ))}
    </svg>
  );
}

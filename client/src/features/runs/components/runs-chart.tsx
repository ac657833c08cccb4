import { formatCompactMoney, formatMoney, shortId } from '../../../lib/format';
import type { Run } from '../../../types/api';
import { useRunSummaries } from '../api/get-run-summary';

const SERIES = [
  { key: 'purchase', label: 'Purchased', className: 'bar-purchase' },
  { key: 'hold', label: 'Held', className: 'bar-hold' },
  { key: 'reject', label: 'Rejected', className: 'bar-reject' },
] as const;

const WIDTH = 720;
const HEIGHT = 240;
const MARGIN = { top: 16, right: 12, bottom: 44, left: 64 };

/** Purchased / held / rejected balance for the most recent completed runs, oldest on the left. */
export function RunsChart({ runs }: { runs: Run[] }) {
  const completed = runs.filter((run) => run.status === 'completed').reverse();
  const summaries = useRunSummaries(completed.map((run) => run.run_id));
  if (completed.length === 0) return <p className="muted">The chart appears once a run has completed.</p>;

  const rows = completed.map((run, index) => {
    const dispositions = summaries[index]?.data?.dispositions;
    return {
      run,
      values: SERIES.map((series) => dispositions?.[series.key]?.balance ?? 0),
    };
  });
  const max = Math.max(1, ...rows.flatMap((row) => row.values));
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const groupWidth = plotWidth / rows.length;
  const barWidth = Math.min(28, (groupWidth * 0.8) / SERIES.length);
  const y = (value: number) => MARGIN.top + plotHeight - (value / max) * plotHeight;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((share) => share * max);

  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label="Purchased, held and rejected balance per recent run"
      >
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} className="grid-line" />
            <text x={MARGIN.left - 8} y={y(tick) + 4} textAnchor="end" className="axis-label">
              {formatCompactMoney(tick)}
            </text>
          </g>
        ))}
        {rows.map((row, index) => {
          const groupX = MARGIN.left + index * groupWidth + (groupWidth - barWidth * SERIES.length) / 2;
          return (
            <g key={row.run.run_id}>
              {row.values.map((value, seriesIndex) => {
                const series = SERIES[seriesIndex]!;
                return (
                  <rect
                    key={series.key}
                    x={groupX + seriesIndex * barWidth}
                    y={y(value)}
                    width={barWidth - 2}
                    height={Math.max(0, MARGIN.top + plotHeight - y(value))}
                    className={series.className}
                  >
                    <title>{`${series.label} ${formatMoney(value)} — run ${shortId(row.run.run_id)}`}</title>
                  </rect>
                );
              })}
              <text
                x={MARGIN.left + index * groupWidth + groupWidth / 2}
                y={HEIGHT - MARGIN.bottom + 16}
                textAnchor="middle"
                className="axis-label"
              >
                {row.run.pdate ?? shortId(row.run.run_id)}
              </text>
              <text
                x={MARGIN.left + index * groupWidth + groupWidth / 2}
                y={HEIGHT - MARGIN.bottom + 30}
                textAnchor="middle"
                className="axis-label muted-label"
              >
                {shortId(row.run.run_id)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="legend">
        {SERIES.map((series) => (
          <span key={series.key}>
            <span className={`swatch ${series.className}`} aria-hidden="true" /> {series.label} balance
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

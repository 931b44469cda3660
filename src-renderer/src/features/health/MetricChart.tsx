import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useServices } from '../../app/services';
import { METRIC_LABEL, type Metric } from './series';

/** A distinct colour per session, cycling for many sessions. */
const PALETTE = ['#4f9cf9', '#f5a524', '#17c964', '#f31260', '#9353d3', '#06b7db', '#ff7a45', '#a3e635'];
const CHART_HEIGHT_PX = 150;

/**
 * One metric over time, a line per session. uPlot draws into its own canvas;
 * new ticks go straight from the HealthHub into setData — React renders the
 * container once and never sees the samples (DESIGN.md §8.8).
 */
export function MetricChart({ metric, sessionIds, names }: { metric: Metric; sessionIds: readonly string[]; names: Readonly<Record<string, string>> }) {
  const { health } = useServices();
  const box = useRef<HTMLDivElement>(null);
  const key = sessionIds.join(',');

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ids = key === '' ? [] : key.split(',');
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height: CHART_HEIGHT_PX,
      legend: { show: ids.length <= 8 },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true } },
      axes: [{ stroke: '#8b93a1', grid: { stroke: '#2a2f3a' } }, { stroke: '#8b93a1', grid: { stroke: '#2a2f3a' }, size: 50 }],
      series: [{}, ...ids.map((id, i) => ({ label: names[id] ?? id, stroke: PALETTE[i % PALETTE.length], width: 1.5, spanGaps: false }))],
    };
    const data = () => health.series.aligned(metric, ids) as uPlot.AlignedData;
    const plot = new uPlot(opts, data(), el);
    const points = () => el.setAttribute('data-points', String((data()[0] as number[]).length));
    points();
    const un = health.onTick(() => {
      plot.setData(data());
      points();
    });
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(200, el.clientWidth), height: CHART_HEIGHT_PX }));
    resize.observe(el);
    return () => {
      un();
      resize.disconnect();
      plot.destroy();
    };
    // A renamed session keeps its old legend label until the chart is rebuilt: cheaper than rebuilding on every name change.
  }, [health, metric, key]);

  return (
    <figure className="health-chart" data-testid="health-chart" data-metric={metric}>
      <figcaption>{METRIC_LABEL[metric]}</figcaption>
      <div ref={box} className="health-chart-canvas" data-testid="health-chart-canvas" />
    </figure>
  );
}

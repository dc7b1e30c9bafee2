/**
 * The ratio charts of `npm run bench` (bench/page-load.svg, bench/pending-growth.svg): per row, a
 * ratio as a bar from 1 (the floor or reference) with its 90% bootstrap interval as a whisker, the
 * reference line and the goal line. Hand-written SVG from the numbers: no chart library. Pure.
 */

export type ChartRow =
  | { label: string; ratio: number; interval: [number, number] }
  /** A page that could not be measured: why (printed after "not measured: "). */
  | { label: string; missing: string };

export interface ChartOptions {
  title: string;
  /** The goal, drawn as a dashed line (e.g. 1.01). */
  goal: number;
  /** Shown under the title (machine, loads, date). */
  subtitle?: string;
  /** Label of the line at 1 (default "floor"). */
  reference?: string;
  /** Text under the axis (default: the page-load figure's). */
  axis?: string;
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const num = (x: number) => (Math.round(x * 10) / 10).toString();

/** A tick step giving 4–10 ticks over `span`. */
function tickStep(span: number): number {
  for (const s of [0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1]) if (span / s <= 10) return s;
  return 2;
}

export function ratioChart(rows: readonly ChartRow[], opt: ChartOptions): string {
  const W = 760;
  const left = 190;
  const right = 200;
  const top = opt.subtitle ? 74 : 46;
  const rowH = 30;
  const plotW = W - left - right;
  const H = top + rows.length * rowH + 40;
  const measured = rows.filter((r): r is Extract<ChartRow, { ratio: number }> => 'ratio' in r);
  const values = [1, opt.goal, ...measured.flatMap((r) => [r.ratio, ...r.interval])].filter(Number.isFinite);
  const step0 = tickStep(Math.max(...values) - Math.min(...values) || 0.02);
  const lo = Math.floor(Math.min(...values) / step0 - 0.5) * step0;
  const hi = Math.ceil(Math.max(...values) / step0 + 0.5) * step0;
  const x = (v: number) => left + ((v - lo) / (hi - lo)) * plotW;
  const step = tickStep(hi - lo);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<title>${esc(opt.title)}</title>`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="12" y="22" font-size="15" font-weight="bold">${esc(opt.title)}</text>`,
  );
  if (opt.subtitle) out.push(`<text x="12" y="42" fill="#555">${esc(opt.subtitle)}</text>`);
  const axisY = top + rows.length * rowH + 6;
  out.push(`<g class="axis" stroke="#ccc">`);
  for (let i = Math.ceil(lo / step - 1e-9); i * step <= hi + 1e-9; i++) {
    const v = i * step;
    out.push(`<line x1="${num(x(v))}" y1="${top - 6}" x2="${num(x(v))}" y2="${axisY}"/>`);
  }
  out.push(`</g>`, `<g class="ticks" fill="#555" text-anchor="middle">`);
  for (let i = Math.ceil(lo / step - 1e-9); i * step <= hi + 1e-9; i++) {
    const v = i * step;
    out.push(`<text x="${num(x(v))}" y="${axisY + 16}">${v.toFixed(step < 0.01 ? 3 : 2)}</text>`);
  }
  out.push(`</g>`);
  out.push(
    `<line class="floor" x1="${num(x(1))}" y1="${top - 10}" x2="${num(x(1))}" y2="${axisY}" stroke="#000"/>`,
    `<text x="${num(x(1))}" y="${top - 14}" text-anchor="end" dx="-4">${esc(opt.reference ?? 'floor')}</text>`,
    `<line class="goal" x1="${num(x(opt.goal))}" y1="${top - 10}" x2="${num(x(opt.goal))}" y2="${axisY}" stroke="#c00" stroke-dasharray="4 3"/>`,
    `<text x="${num(x(opt.goal))}" y="${top - 14}" text-anchor="start" fill="#c00" dx="4">goal ≤ ${opt.goal}</text>`,
  );
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    const mid = y + rowH / 2;
    out.push(`<text x="${left - 10}" y="${mid + 4}" text-anchor="end">${esc(r.label)}</text>`);
    if (!('ratio' in r)) {
      out.push(
        `<text x="${left + 4}" y="${mid + 4}" fill="#777" font-style="italic">not measured: ${esc(r.missing)}</text>`,
      );
      return;
    }
    const [a, b] = r.interval;
    const x0 = Math.min(x(1), x(r.ratio));
    const w = Math.max(1, Math.abs(x(r.ratio) - x(1)));
    const over = r.ratio > opt.goal;
    out.push(
      `<rect class="bar" x="${num(x0)}" y="${y + 7}" width="${num(w)}" height="${rowH - 14}" fill="${over ? '#e8a0a0' : '#9cc3e6'}"/>`,
      `<g class="interval" stroke="#333"><line x1="${num(x(a))}" y1="${mid}" x2="${num(x(b))}" y2="${mid}"/><line x1="${num(x(a))}" y1="${mid - 5}" x2="${num(x(a))}" y2="${mid + 5}"/><line x1="${num(x(b))}" y1="${mid - 5}" x2="${num(x(b))}" y2="${mid + 5}"/></g>`,
      `<circle cx="${num(x(r.ratio))}" cy="${mid}" r="3" fill="#000"/>`,
      `<text x="${W - right + 10}" y="${mid + 4}">${r.ratio.toFixed(3)} (90%: ${a.toFixed(3)}–${b.toFixed(3)})</text>`,
    );
  });
  out.push(
    `<text x="${left + plotW / 2}" y="${H - 6}" text-anchor="middle" fill="#555">${esc(opt.axis ?? 'median page load, ours / floor extension (bar from 1; whisker: 90% bootstrap interval)')}</text>`,
    `</svg>`,
  );
  return `${out.join('\n')}\n`;
}

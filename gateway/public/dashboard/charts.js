// Small SVG charts drawn by hand: no chart library, nothing loaded from outside the gateway.

const SVG = 'http://www.w3.org/2000/svg';
export const numberFormat = new Intl.NumberFormat('zh-CN');

export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/** A round upper bound and evenly spaced ticks for a value axis. */
function niceScale(max, ticks = 4) {
  if (max <= 0) return { top: ticks, step: 1 };
  const raw = max / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw);
  return { top: step * ticks, step };
}

function svgElement(width, height, label) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  return svg;
}

function legend(items) {
  return `<div class="legend">${items.map((i) => `<span><i class="swatch ${i.line ? 'line' : ''}" style="background:${i.color}"></i>${escapeHtml(i.label)}</span>`).join('')}</div>`;
}

/**
 * Horizontal stacked bars, one row per item: segments side by side (e.g. exclusive + overlap holders).
 * rows: [{ label, title, values: { key: number } }], segments: [{ key, label, color }].
 */
export function stackedBars(container, rows, segments, ariaLabel) {
  container.replaceChildren(); // measure the space the layout gives, not the last chart's size
  const width = Math.max(280, container.clientWidth);
  const rowHeight = 26;
  const labelWidth = Math.min(150, 16 + 12 * Math.max(2, ...rows.map((r) => String(r.label).length)));
  const valueWidth = 64;
  const height = rows.length * rowHeight + 4;
  const max = Math.max(1, ...rows.map((r) => segments.reduce((sum, s) => sum + (r.values[s.key] ?? 0), 0)));
  const scale = (width - labelWidth - valueWidth) / max;
  const svg = svgElement(width, height, ariaLabel);
  let body = '';
  rows.forEach((row, i) => {
    const y = i * rowHeight + 4;
    let x = labelWidth;
    body += `<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end" class="axis-label">${escapeHtml(row.label)}</text>`;
    let total = 0;
    for (const segment of segments) {
      const value = row.values[segment.key] ?? 0;
      const w = value * scale;
      body += `<rect x="${x}" y="${y}" width="${Math.max(0, w)}" height="${rowHeight - 8}" fill="${segment.color}"><title>${escapeHtml(`${row.label} ${segment.label}：${numberFormat.format(value)} 人`)}</title></rect>`;
      x += w;
      total += value;
    }
    body += `<text x="${x + 6}" y="${y + 15}" class="value-label">${numberFormat.format(total)}</text>`;
    if (row.title) body += `<title>${escapeHtml(row.title)}</title>`;
  });
  svg.innerHTML = body;
  container.replaceChildren(svg);
  container.insertAdjacentHTML('beforeend', legend(segments));
}

/**
 * Monthly trend: bars for one series, lines for the others, a shared value axis.
 * months: ['2022-01', …]; series: [{ key, label, color, kind: 'bar' | 'line', values: [number] }].
 */
export function monthChart(container, months, series, ariaLabel) {
  container.replaceChildren(); // measure the space the layout gives, not the last chart's size
  const width = Math.max(320, container.clientWidth);
  const height = Math.max(200, container.clientHeight - 28);
  const margin = { left: 52, right: 12, top: 10, bottom: 26 };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const svg = svgElement(width, height, ariaLabel);
  if (months.length === 0) {
    svg.innerHTML = `<text x="${width / 2}" y="${height / 2}" text-anchor="middle" class="axis-label">暂无月度数据</text>`;
    container.replaceChildren(svg);
    return;
  }
  const { top, step } = niceScale(Math.max(1, ...series.flatMap((s) => s.values)));
  const band = plotWidth / months.length;
  const y = (v) => margin.top + plotHeight - (v / top) * plotHeight;
  const xMid = (i) => margin.left + band * i + band / 2;
  let body = '';
  for (let v = 0; v <= top + step / 2; v += step) {
    body += `<line x1="${margin.left}" x2="${width - margin.right}" y1="${y(v)}" y2="${y(v)}" class="grid-line"/>`;
    body += `<text x="${margin.left - 6}" y="${y(v) + 4}" text-anchor="end" class="axis-label">${numberFormat.format(v)}</text>`;
  }
  const every = Math.max(1, Math.ceil(months.length / Math.max(2, Math.floor(plotWidth / 64))));
  months.forEach((month, i) => {
    if (i % every === 0) body += `<text x="${xMid(i)}" y="${height - 8}" text-anchor="middle" class="axis-label">${month}</text>`;
  });
  for (const s of series.filter((s) => s.kind === 'bar')) {
    const barWidth = Math.max(1, band * 0.64);
    s.values.forEach((v, i) => {
      body += `<rect x="${xMid(i) - barWidth / 2}" y="${y(v)}" width="${barWidth}" height="${margin.top + plotHeight - y(v)}" fill="${s.color}"/>`;
    });
  }
  for (const s of series.filter((s) => s.kind === 'line')) {
    const points = s.values.map((v, i) => `${xMid(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    body += `<polyline points="${points}" fill="none" stroke="${s.color}" stroke-width="2"/>`;
  }
  // One transparent band per month carries the tooltip with all series.
  months.forEach((month, i) => {
    const text = [month, ...series.map((s) => `${s.label}：${numberFormat.format(s.values[i])}`)].join('\n');
    body += `<rect x="${margin.left + band * i}" y="${margin.top}" width="${band}" height="${plotHeight}" class="hover-band"><title>${escapeHtml(text)}</title></rect>`;
  });
  svg.innerHTML = body;
  container.replaceChildren(svg);
  container.insertAdjacentHTML('afterbegin', legend(series.map((s) => ({ label: s.label, color: s.color, line: s.kind === 'line' }))));
}

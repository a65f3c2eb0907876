// Draws the statistics charts as plain SVG: stacked bars for counts per hour, lines for rates and durations.

import {h, svg} from './dom.js';

const WIDTH = 720;
const HEIGHT = 220;
const PAD = {left: 48, right: 12, top: 12, bottom: 28};

function frame(label, maximum, format) {
  const chart = svg('svg', {viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': label, class: 'chart'});
  chart.append(svg('title', {}, label));
  for (let i = 0; i <= 4; i++) {
    const y = PAD.top + (HEIGHT - PAD.top - PAD.bottom) * (1 - i / 4);
    chart.append(svg('line', {x1: PAD.left, x2: WIDTH - PAD.right, y1: y, y2: y, class: 'grid'}));
    chart.append(svg('text', {x: PAD.left - 6, y: y + 4, class: 'axis', 'text-anchor': 'end'},
      format(maximum * i / 4)));
  }
  return chart;
}

function hourLabels(chart, hours, x) {
  const every = Math.max(1, Math.ceil(hours.length / 8));
  hours.forEach((hour, i) => {
    if (i % every !== 0) return;
    const label = new Date(hour).toLocaleTimeString([], {hour: '2-digit', minute: '2-digit'});
    chart.append(svg('text', {x: x(i), y: HEIGHT - 8, class: 'axis', 'text-anchor': 'middle'}, label));
  });
}

/** Bars per hour, one stacked segment per series: series = [{name, className, values}]. */
export function stackedBars(label, hours, series) {
  const totals = hours.map((_, i) => series.reduce((sum, s) => sum + s.values[i], 0));
  const maximum = Math.max(4, Math.ceil(Math.max(...totals) / 4) * 4);
  const chart = frame(label, maximum, value => Math.round(value));
  const slot = (WIDTH - PAD.left - PAD.right) / Math.max(1, hours.length);
  const scale = (HEIGHT - PAD.top - PAD.bottom) / maximum;
  hours.forEach((hour, i) => {
    let base = HEIGHT - PAD.bottom;
    for (const s of series) {
      const height = s.values[i] * scale;
      if (height > 0) {
        const bar = svg('rect', {x: PAD.left + i * slot + slot * 0.15, y: base - height, width: slot * 0.7, height,
          class: `bar ${s.className}`});
        bar.append(svg('title', {}, `${new Date(hour).toLocaleString()}: ${s.values[i]} ${s.name}`));
        chart.append(bar);
        base -= height;
      }
    }
  });
  hourLabels(chart, hours, i => PAD.left + i * slot + slot / 2);
  return chart;
}

/** Lines over the hours, gaps where a value is null: series = [{name, className, values}]. */
export function lines(label, hours, series, {maximum = null, format = value => value} = {}) {
  const top = maximum ?? Math.max(1e-9, ...series.flatMap(s => s.values.filter(v => v !== null)));
  const chart = frame(label, top, format);
  const step = (WIDTH - PAD.left - PAD.right) / Math.max(1, hours.length - 1);
  const x = i => PAD.left + i * step;
  const y = value => PAD.top + (HEIGHT - PAD.top - PAD.bottom) * (1 - value / top);
  for (const s of series) {
    let path = '';
    const dots = [];
    s.values.forEach((value, i) => {
      if (value === null) return;
      path += `${path && s.values[i - 1] !== null ? 'L' : 'M'}${x(i).toFixed(1)},${y(value).toFixed(1)}`;
      const dot = svg('circle', {cx: x(i), cy: y(value), r: 3, class: `dot ${s.className}`});
      dot.append(svg('title', {}, `${new Date(hours[i]).toLocaleString()}: ${s.name} ${format(value)}`));
      dots.push(dot);
    });
    if (path) chart.append(svg('path', {d: path, class: `line ${s.className}`}));
    chart.append(...dots);
  }
  hourLabels(chart, hours, x);
  return chart;
}

/** The chart's legend as a list. */
export function legend(series) {
  return h('ul', {class: 'legend'}, series.map(s => h('li', {}, h('span', {class: `swatch ${s.className}`}), s.name)));
}

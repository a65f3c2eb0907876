// Statistics: tasks per hour by outcome, success rate and duration percentiles per hour, totals, stuck tasks.

import {api, query} from './api.js';
import {clear, duration, fact, h, keepLoaded, time} from './dom.js';
import {legend, lines, stackedBars} from './charts.js';
import {taskLink} from './tasks.js';

const REFRESH_MS = 30000;
const SPANS = [['6', '6 hours'], ['24', '24 hours'], ['72', '3 days'], ['168', '7 days']];
const OUTCOMES = [
  {name: 'completed', className: 'c-completed'}, {name: 'failed', className: 'c-failed'},
  {name: 'timed out', className: 'c-timed-out', key: 'timedOut'}, {name: 'cancelled', className: 'c-cancelled'}];
const PERCENTILES = [
  {name: 'p50', className: 'c-p50', key: 'p50DurationSeconds'}, {name: 'p95', className: 'c-p95', key: 'p95DurationSeconds'},
  {name: 'p99', className: 'c-p99', key: 'p99DurationSeconds'}];

/** #/stats?hours= */
export function statistics(main, context, params) {
  const hours = SPANS.some(([value]) => value === params.get('hours')) ? params.get('hours') : '24';
  const days = Math.ceil(Number(hours) / 24);
  const span = h('select', {id: 'stats-hours'},
    SPANS.map(([value, label]) => h('option', {value, selected: value === hours}, label)));
  span.addEventListener('change', () => { location.hash = `#/stats${query({hours: span.value})}`; });
  const totals = h('section', {id: 'stats-totals'});
  const charts = h('section', {id: 'stats-charts'});
  const stuck = h('section', {id: 'stuck-tasks'});
  main.append(h('h1', {}, 'Statistics'), h('label', {for: 'stats-hours'}, 'Span'), span, totals, charts, stuck);

  async function load() {
    const [hourly, summary, stuckTasks] = await Promise.all([api(`/api/stats/hourly${query({hours})}`),
      api(`/api/stats${query({days})}`), api('/api/queue/stuck')]);
    const at = hourly.items.map(item => item.hour);
    const finished = summary.finished;
    clear(totals).append(h('h2', {}, `Ended in the last ${days === 1 ? '24 hours' : `${days} days`}`),
      h('dl', {class: 'facts'},
      fact('Ended', finished.finished), fact('Completed', finished.completed), fact('Failed', finished.failed),
      fact('Success rate', finished.successRate === null ? '–' : `${Math.round(finished.successRate * 1000) / 10} %`),
      fact('Average duration', duration(finished.averageDurationSeconds)),
      fact('p95 duration', duration(finished.p95DurationSeconds))));
    const outcomes = OUTCOMES.map(o => ({...o, values: hourly.items.map(item => item[o.key || o.name])}));
    const percentiles = PERCENTILES.map(p => ({...p, values: hourly.items.map(item => item[p.key])}));
    const success = [{name: 'success rate', className: 'c-completed', values: hourly.items.map(i => i.successRate)}];
    clear(charts).append(
      figure('Tasks per hour by outcome', stackedBars('Tasks ended per hour by outcome', at, outcomes), at, outcomes,
        String, 'chart-outcomes'),
      figure('Success rate per hour', lines('Success rate per hour', at, success, {maximum: 1, format: percent}), at,
        success, percent, 'chart-success'),
      figure('Duration percentiles per hour', lines('Duration percentiles of completed tasks per hour', at,
        percentiles, {format: duration}), at, percentiles, duration, 'chart-durations'));
    clear(stuck).append(h('h2', {}, 'Stuck tasks'), stuckTasks.items.length
      ? h('table', {}, h('thead', {}, h('tr', {}, ['Task', 'Type', 'Why', 'Since', 'For', 'Expected']
        .map(name => h('th', {scope: 'col'}, name)))),
      h('tbody', {}, stuckTasks.items.map(task => h('tr', {}, h('td', {}, taskLink(task.id)), h('td', {}, task.type),
        h('td', {}, task.reason), h('td', {}, time(task.since)), h('td', {}, duration(task.forSeconds)),
        h('td', {}, duration(task.expectedSeconds))))))
      : h('p', {}, 'None: nothing runs past its expected time or waits too long.'));
  }

  return keepLoaded(main, load, REFRESH_MS);
}

function percent(value) {
  return value === null ? '–' : `${Math.round(value * 100)} %`;
}

/** A chart with its legend, caption and, for screen readers, its numbers as a table. */
function figure(caption, chart, hours, series, format, id) {
  const numbers = h('table', {class: 'visually-hidden'}, h('caption', {}, caption),
    h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, 'Hour'), series.map(s => h('th', {scope: 'col'}, s.name)))),
    h('tbody', {}, hours.map((hour, i) => h('tr', {}, h('th', {scope: 'row'}, time(hour)),
      series.map(s => h('td', {}, s.values[i] === null ? '–' : format(s.values[i])))))));
  return h('figure', {id}, chart, series.length > 1 ? legend(series) : null, h('figcaption', {}, caption), numbers);
}

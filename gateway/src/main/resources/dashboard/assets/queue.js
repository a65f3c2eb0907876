// Queue status by priority and by task queue, and its health alerts, refreshed every few seconds; the operator may pause intake.

import {api, PRIORITIES} from './api.js';
import {clear, duration, h, keepLoaded, toast} from './dom.js';

const REFRESH_MS = 5000;

/** #/queue */
export function queueView(main, context) {
  const health = h('section', {id: 'queue-health', 'aria-live': 'polite'});
  const status = h('section', {id: 'queue-status'});
  // drawn once and relabelled, so that a refresh does not take the keyboard's focus away
  const intake = h('button', {type: 'button', id: 'intake', hidden: !context.me.operator});
  let paused = false;
  let lastHealth = '';
  main.append(h('h1', {}, 'Queue'), health, status, intake);

  async function load() {
    const [now, checked] = await Promise.all([api('/api/queue/status'), api('/api/queue/health')]);
    const healthText = JSON.stringify([checked.status, checked.alerts.map(alert => alert.message)]);
    if (healthText !== lastHealth) { // redrawn only on a change, which the live region then says
      lastHealth = healthText;
      clear(health).append(h('h2', {}, 'Health: ', h('span', {class: `health h-${checked.status}`}, checked.status)),
        checked.alerts.length
          ? h('ul', {class: 'alerts'}, checked.alerts.map(alert => h('li', {class: `alert h-${alert.severity}`},
            h('strong', {}, alert.check), ` (${alert.severity}): ${alert.message}`)))
          : h('p', {}, 'No alerts.'));
    }
    clear(status).append(h('h2', {}, 'Status'),
      h('p', {}, `Intake ${now.paused ? 'paused' : 'open'} · ${now.queued} queued · ${now.waiting} waiting for room · `
        + `${now.running} running · `
        + `${now.scheduled} scheduled · oldest queued ${duration(now.oldestQueuedAgeSeconds)}`),
      h('table', {}, h('thead', {}, h('tr', {}, ['Priority', 'Scheduled', 'Queued', 'Waiting', 'Running']
        .map(name => h('th', {scope: 'col'}, name)))),
      h('tbody', {}, PRIORITIES.map(p => {
        const counts = now.byPriority[p] || {scheduled: 0, queued: 0, waiting: 0, running: 0};
        return h('tr', {}, h('th', {scope: 'row'}, p), h('td', {}, counts.scheduled), h('td', {}, counts.queued),
          h('td', {}, counts.waiting), h('td', {}, counts.running));
      }))),
      h('p', {}, workers(now.workers)),
      h('h2', {}, 'Task queues'),
      h('table', {id: 'task-queues'}, h('thead', {}, h('tr', {}, ['Queue', 'Task types', 'Workers polling',
        'Backlog', 'Oldest waiting'].map(name => h('th', {scope: 'col'}, name)))),
      h('tbody', {}, now.workers.queues.map(queue => h('tr', {}, h('th', {scope: 'row'}, queue.name),
        h('td', {}, queue.taskTypes.join(', ') || 'the platform\'s own'), h('td', {}, unknown(queue.pollers)),
        h('td', {}, unknown(queue.backlog)),
        h('td', {}, queue.backlogAgeSeconds === null ? 'unknown' : duration(queue.backlogAgeSeconds)))))));
    paused = now.paused;
    intake.textContent = paused ? 'Resume intake' : 'Pause intake';
  }

  function unknown(count) {
    return count === null ? 'unknown' : String(count);
  }

  function workers(seen) {
    const here = seen.inThisProcess ? (seen.runningHere ? 'running in this process' : 'stopped in this process')
      : 'none in this process';
    return `Workers: ${here}${seen.pollers === null ? '' : `; ${seen.pollers} polling the task queues`}`;
  }

  intake.addEventListener('click', async () => {
    const verb = paused ? 'resume' : 'pause';
    try {
      await api(`/api/queue/${verb}`, {method: 'POST'});
      toast(`Intake ${verb === 'pause' ? 'paused' : 'resumed'}`);
      await load();
    } catch (error) {
      toast(error.message, 'error');
    }
  });

  return keepLoaded(main, load, REFRESH_MS);
}

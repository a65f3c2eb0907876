// Queue status by priority and its health alerts, refreshed every few seconds; admins may pause intake.

import {api} from './api.js';
import {clear, duration, h, toast} from './dom.js';
import {PRIORITIES} from './tasks.js';

const REFRESH_MS = 5000;

/** #/queue */
export function queueView(main, context) {
  const admin = context.me.roles.includes('ADMIN');
  const health = h('section', {id: 'queue-health', 'aria-live': 'polite'});
  const status = h('section', {id: 'queue-status'});
  main.append(h('h1', {}, 'Queue'), health, status);

  async function load() {
    const [now, checked] = await Promise.all([api('/api/queue/status'), api('/api/queue/health')]);
    clear(health).append(h('h2', {}, 'Health: ', h('span', {class: `health h-${checked.status}`}, checked.status)),
      checked.alerts.length
        ? h('ul', {class: 'alerts'}, checked.alerts.map(alert => h('li', {class: `alert h-${alert.severity}`},
          h('strong', {}, alert.check), ` (${alert.severity}): ${alert.message}`)))
        : h('p', {}, 'No alerts.'));
    clear(status).append(h('h2', {}, 'Status'),
      h('p', {}, `Intake ${now.paused ? 'paused' : 'open'} · ${now.queued} queued · ${now.running} running · `
        + `${now.scheduled} scheduled · oldest queued ${duration(now.oldestQueuedAgeSeconds)}`),
      h('table', {}, h('thead', {}, h('tr', {}, ['Priority', 'Scheduled', 'Queued', 'Running']
        .map(name => h('th', {scope: 'col'}, name)))),
      h('tbody', {}, PRIORITIES.map(p => {
        const counts = now.byPriority[p] || {scheduled: 0, queued: 0, running: 0};
        return h('tr', {}, h('th', {scope: 'row'}, p), h('td', {}, counts.scheduled), h('td', {}, counts.queued),
          h('td', {}, counts.running));
      }))),
      h('p', {}, workers(now.workers)),
      admin ? h('button', {type: 'button', id: 'intake', onclick: () => intake(now.paused ? 'resume' : 'pause')},
        now.paused ? 'Resume intake' : 'Pause intake') : null);
  }

  function workers(seen) {
    const here = seen.inThisProcess ? (seen.runningHere ? 'running in this process' : 'stopped in this process')
      : 'none in this process';
    return `Workers: ${here}${seen.pollers === null ? '' : `; ${seen.pollers} polling the task queue`}`;
  }

  async function intake(verb) {
    try {
      await api(`/api/queue/${verb}`, {method: 'POST'});
      toast(`Intake ${verb === 'pause' ? 'paused' : 'resumed'}`);
      await load();
    } catch (error) {
      toast(error.message, 'error');
    }
  }

  load().catch(error => main.append(h('p', {class: 'error', role: 'alert'}, error.message)));
  const timer = setInterval(() => load().catch(() => {}), REFRESH_MS);
  return () => clearInterval(timer);
}

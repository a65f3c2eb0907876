// The tenant's schedules, with pause, resume and trigger for admins.

import {api} from './api.js';
import {clear, h, keepLoaded, time, toast} from './dom.js';

/** #/schedules */
export function scheduleList(main, context) {
  const admin = context.me.roles.includes('ADMIN');
  const columns = ['Name', 'Task type', 'Cron', 'Time zone', 'State', 'Next runs', ...(admin ? ['Actions'] : [])];
  const body = h('tbody', {id: 'schedule-rows'});
  main.append(h('h1', {}, 'Schedules'), h('table', {},
    h('thead', {}, h('tr', {}, columns.map(name => h('th', {scope: 'col'}, name)))), body));

  async function load() {
    const list = await api('/api/schedules');
    clear(body);
    if (!list.items.length) body.append(h('tr', {}, h('td', {colspan: columns.length}, 'No schedules.')));
    for (const schedule of list.items) {
      body.append(h('tr', {'data-schedule': schedule.name},
        h('td', {}, schedule.name, schedule.builtIn ? h('small', {}, ' (built in)') : null), h('td', {}, schedule.taskType),
        h('td', {}, h('code', {}, schedule.cron)), h('td', {}, schedule.timezone),
        h('td', {class: 'state'}, schedule.enabled ? 'active' : 'paused'),
        h('td', {}, schedule.enabled ? schedule.nextFireTimes.slice(0, 2).map(time).join(', ') : '–'),
        admin ? h('td', {class: 'actions'},
          action(schedule, schedule.enabled ? 'pause' : 'resume', schedule.enabled ? 'Pause' : 'Resume'),
          action(schedule, 'trigger', 'Run now')) : null));
    }
  }

  function action(schedule, verb, label) {
    return h('button', {type: 'button', 'aria-label': `${label} ${schedule.name}`, onclick: async () => {
      try {
        const answer = await api(`/api/schedules/${encodeURIComponent(schedule.name)}/${verb}`, {method: 'POST'});
        toast(verb === 'trigger' ? `${schedule.name} started task ${answer.id}` : `${schedule.name}: ${verb}d`);
        await load();
        // the row was drawn anew: keep the keyboard in it
        body.querySelector(`tr[data-schedule="${CSS.escape(schedule.name)}"] .actions button`)?.focus();
      } catch (error) {
        toast(error.message, 'error');
      }
    }}, label);
  }

  return keepLoaded(main, load);
}

// The task list (filters, updated in place as events arrive) and one task's detail (progress, timeline, controls).

import {api, FINAL, PRIORITIES, ProblemError, query, STATUSES} from './api.js';
import {clear, duration, fact, h, keepLoaded, time, toast} from './dom.js';
import {follow} from './live.js';

const RETRYABLE = ['FAILED', 'CANCELLED', 'TIMED_OUT'];
const NOT_STARTED = ['SCHEDULED', 'QUEUED', 'WAITING'];
let temporal = null;

/** Where Temporal is ({namespace, webUiUrl, …} of GET /api/service/status), asked once; null when it cannot be told. */
function temporalService() {
  temporal ??= api('/api/service/status').then(status => status.temporal).catch(() => {
    temporal = null;
    return null;
  });
  return temporal;
}

/** The task's workflow in the Temporal Web UI: history, activities, summary and current details. */
function webUiLink(service, id) {
  const url = `${service.webUiUrl}/namespaces/${encodeURIComponent(service.namespace)}/workflows/`
    + encodeURIComponent(id);
  return h('a', {id: 'web-ui-link', href: url, target: '_blank', rel: 'noopener'}, 'Open in the Temporal Web UI');
}

export function percentOf(status, progress) {
  if (status === 'COMPLETED') return 100;
  return Math.max(0, Math.min(100, Math.round(progress?.percent ?? 0)));
}

/** A progress bar a screen reader can read: role progressbar with its value. */
export function progressBar(status, progress, label) {
  const percent = percentOf(status, progress);
  return h('div', {class: `progress s-${status}`, role: 'progressbar', 'aria-label': label, 'aria-valuemin': 0,
    'aria-valuemax': 100, 'aria-valuenow': percent},
  h('div', {class: 'fill', style: `width: ${percent}%`}), h('span', {class: 'percent'}, `${percent} %`));
}

export function statusBadge(status) {
  return h('span', {class: `status s-${status}`}, status);
}

export function taskLink(id) {
  return h('a', {href: `#/tasks/${encodeURIComponent(id)}`, class: 'task-id'}, id);
}

/** A priority picker, NORMAL chosen. */
export function prioritySelect(id) {
  return h('select', {id, name: id}, PRIORITIES.map(p => h('option', {value: p, selected: p === 'NORMAL'}, p)));
}

function select(id, label, values, chosen) {
  return h('label', {for: id}, label,
    h('select', {id, name: id}, h('option', {value: ''}, 'any'),
      values.map(value => h('option', {value, selected: value === chosen}, value))));
}

/** #/tasks?type=&status=&priority= */
export function taskList(main, context, params) {
  const filters = {type: params.get('type') || '', status: params.get('status') || '',
    priority: params.get('priority') || ''};
  const rows = new Map();
  const body = h('tbody', {id: 'task-rows'});
  const more = h('button', {type: 'button', id: 'more', hidden: true}, 'Show more');
  let cursor = null;
  let reload = null;

  const form = h('form', {class: 'filters', 'aria-label': 'Filter tasks'},
    select('filter-type', 'Type', context.types.map(t => t.name), filters.type),
    select('filter-status', 'Status', STATUSES, filters.status),
    select('filter-priority', 'Priority', PRIORITIES, filters.priority));
  form.addEventListener('change', () => {
    location.hash = `#/tasks${query({type: form['filter-type'].value, status: form['filter-status'].value,
      priority: form['filter-priority'].value})}`;
  });

  // bulk actions on every task the type and status filters match (the priority filter is not one of them)
  const bulkAction = h('select', {id: 'bulk-action', 'aria-label': 'Bulk action'},
    ['cancel', 'retry', ...(context.me.roles?.includes('ADMIN') ? ['delete'] : [])]
      .map(action => h('option', {value: action}, action)));
  const bulkGo = h('button', {type: 'button', id: 'bulk-go'}, 'Apply to every matching task…');
  const bulk = h('div', {class: 'actions', id: 'bulk'}, bulkAction, bulkGo);
  bulkGo.addEventListener('click', async () => {
    const request = {action: bulkAction.value, type: filters.type || null, status: filters.status || null};
    try {
      const preview = await api('/api/tasks/bulk', {method: 'POST', body: {...request, dryRun: true}});
      if (!confirm(`${request.action} ${preview.matched} matching task${preview.matched === 1 ? '' : 's'}?`)) return;
      const task = await api('/api/tasks/bulk', {method: 'POST', body: request});
      toast(`Bulk ${request.action} started as ${task.id}`);
      location.hash = `#/tasks/${encodeURIComponent(task.id)}`;
    } catch (error) {
      toast(error.message, 'error');
    }
  });

  main.append(h('h1', {}, 'Tasks'), form, bulk,
    h('table', {class: 'tasks'},
      h('caption', {class: 'visually-hidden'}, 'Tasks, newest first'),
      h('thead', {}, h('tr', {}, ['Task', 'Type', 'Status', 'Priority', 'Progress', 'Created']
        .map(name => h('th', {scope: 'col'}, name)))),
      body),
    more);

  function row(task) {
    return h('tr', {'data-task-id': task.id},
      h('td', {}, taskLink(task.id)), h('td', {}, task.type), h('td', {class: 'status-cell'}, statusBadge(task.status)),
      h('td', {}, task.priority),
      h('td', {class: 'progress-cell'}, progressBar(task.status, task.progress, `Progress of ${task.id}`)),
      h('td', {}, time(task.createdAt)));
  }

  function update(element, status, progress, id) {
    element.querySelector('.status-cell').replaceChildren(statusBadge(status));
    element.querySelector('.progress-cell').replaceChildren(progressBar(status, progress, `Progress of ${id}`));
  }

  /** The first page again: rows already shown are updated in place, new ones come first, "more" rows stay below. */
  async function refresh() {
    const page = await api(`/api/tasks${query({...filters, limit: 50})}`);
    const fresh = page.items.map(task => {
      const existing = rows.get(task.id);
      if (existing) {
        update(existing, task.status, task.progress, task.id);
        return existing;
      }
      const element = row(task);
      rows.set(task.id, element);
      return element;
    });
    const below = [...body.querySelectorAll('tr[data-task-id]')].filter(element => !fresh.includes(element));
    body.replaceChildren(...fresh, ...below);
    if (cursor === null || !below.length) {
      cursor = page.nextCursor;
      more.hidden = !cursor;
    }
    if (rows.size === 0) body.append(h('tr', {class: 'empty'}, h('td', {colspan: 6}, 'No tasks match.')));
  }

  async function loadMore() {
    const page = await api(`/api/tasks${query({...filters, limit: 50, cursor})}`);
    for (const task of page.items.filter(item => !rows.has(item.id))) {
      const element = row(task);
      rows.set(task.id, element);
      body.append(element);
    }
    cursor = page.nextCursor;
    more.hidden = !cursor;
  }

  function onEvent(event) {
    const existing = rows.get(event.taskId);
    if (!existing) {
      clearTimeout(reload);
      reload = setTimeout(() => refresh().catch(() => {}), 300);
      return;
    }
    if (filters.status && event.status !== filters.status) {
      existing.remove();
      rows.delete(event.taskId);
      return;
    }
    update(existing, event.status, event.progress, event.taskId);
  }

  more.addEventListener('click', async () => {
    more.disabled = true;
    try {
      await loadMore();
    } catch (error) {
      toast(error.message, 'error');
    } finally {
      more.disabled = false;
    }
  });
  const stopLoading = keepLoaded(main, refresh);
  // a status filter is applied here, not by the stream, so that a row hears of its task leaving that status
  const stop = follow({filters: {type: filters.type}, onEvent, onPoll: refresh});
  return () => {
    stopLoading();
    stop();
    clearTimeout(reload);
  };
}

/** #/tasks/{id} */
export function taskDetail(main, id) {
  const seen = new Set();
  const timeline = h('ol', {id: 'timeline', class: 'timeline'});
  const summary = h('section', {id: 'task-summary'});
  const said = h('p', {id: 'task-status-said', class: 'visually-hidden', role: 'status'});
  const heading = h('h1', {tabindex: -1}, 'Task ', h('code', {}, id));
  const outcome = h('section', {id: 'task-outcome'});
  const cancel = h('button', {type: 'button', id: 'cancel'}, 'Cancel task');
  const retry = h('button', {type: 'button', id: 'retry'}, 'Retry task');
  const level = h('select', {id: 'priority-level', 'aria-label': 'New priority'},
    PRIORITIES.map(p => h('option', {value: p}, p)));
  const reprioritise = h('button', {type: 'button', id: 'change-priority'}, 'Change priority');
  const note = h('input', {type: 'text', id: 'review-note', maxlength: 500, 'aria-label': 'Review note',
    placeholder: 'Why (optional)'});
  const approve = h('button', {type: 'button', id: 'approve'}, 'Approve');
  const reject = h('button', {type: 'button', id: 'reject'}, 'Reject');
  const review = h('div', {class: 'actions', id: 'review', hidden: true}, note, approve, reject);
  const actions = h('div', {class: 'actions'}, cancel, retry, level, reprioritise);
  let task = null;

  main.append(heading, said, summary, review, actions, outcome, h('h2', {}, 'Timeline'), timeline);
  temporalService().then(service => {
    if (service?.webUiUrl) actions.append(webUiLink(service, id));
  });

  function show(current) {
    if (task && task.status !== current.status) said.textContent = `Task is now ${current.status}`;
    task = current;
    const progress = task.progress || {};
    clear(summary).append(
      h('p', {}, statusBadge(task.status), ` ${task.type} · priority ${task.priority} · attempt ${task.attempt}`),
      progressBar(task.status, progress, 'Task progress'),
      h('dl', {class: 'facts'},
        fact('Step', progress.step || '–'),
        fact('Steps done', (progress.stepsCompleted || []).join(', ') || '–'),
        fact('Processed', progress.total ? `${progress.processed ?? 0} of ${progress.total}` : '–'),
        fact('Message', progress.message || '–'),
        fact('ETA', FINAL.includes(task.status) ? '–' : duration(progress.etaSeconds)),
        fact('Created', time(task.createdAt)), fact('Started', time(task.startedAt)),
        fact('Ended', time(task.completedAt))));
    const focused = [cancel, retry, level, reprioritise].find(control => control === document.activeElement);
    cancel.disabled = FINAL.includes(task.status);
    retry.disabled = !RETRYABLE.includes(task.status);
    // only a task that has not started changes priority
    level.disabled = reprioritise.disabled = !NOT_STARTED.includes(task.status);
    if (document.activeElement !== level) level.value = task.priority;
    review.hidden = task.status !== 'AWAITING_APPROVAL';
    if (focused?.disabled) heading.focus(); // a disabled button loses focus; keep it in the view
    clear(outcome);
    if (task.error) {
      outcome.append(h('div', {class: 'error', role: 'alert', id: 'task-error'},
        h('strong', {}, task.error.type), ': ', task.error.message));
    }
    if (task.result !== null && task.result !== undefined) {
      outcome.append(h('h2', {}, 'Result'), h('pre', {id: 'task-result'}, JSON.stringify(task.result, null, 2)));
    }
  }

  function addToTimeline(event) {
    if (seen.has(event.id)) return;
    seen.add(event.id);
    timeline.append(h('li', {'data-event': event.event},
      h('time', {datetime: event.at}, time(event.at)), ' ', h('strong', {}, event.event.replace(/_/g, ' ')),
      ' ', statusBadge(event.status), event.message ? ` ${event.message}` : ''));
  }

  async function refresh() {
    show(await api(`/api/tasks/${encodeURIComponent(id)}`));
  }

  function onEvent(event) {
    addToTimeline(event);
    if (task) show({...task, status: event.status, progress: event.progress ?? task.progress});
    if (FINAL.includes(event.status) || event.event === 'task_started') refresh().catch(() => {});
  }

  async function poll() {
    await refresh();
    const log = await api(`/api/tasks/${encodeURIComponent(id)}/logs`);
    log.events.forEach(addToTimeline);
  }

  cancel.addEventListener('click', async () => {
    try {
      await api(`/api/tasks/${encodeURIComponent(id)}/cancel`, {method: 'POST'});
      toast('Cancel requested; the task stops at its next step.');
    } catch (error) {
      toast(error.message, 'error');
    }
  });
  for (const [button, decision] of [[approve, 'approve'], [reject, 'reject']]) {
    button.addEventListener('click', async () => {
      try {
        await api(`/api/tasks/${encodeURIComponent(id)}/updates/review`,
          {method: 'POST', body: {decision, note: note.value || null}});
        toast(decision === 'approve' ? 'Approved: the task goes on' : 'Rejected: the task stops');
        await refresh();
      } catch (error) {
        toast(error.message, 'error');
      }
    });
  }
  reprioritise.addEventListener('click', async () => {
    try {
      show(await api(`/api/tasks/${encodeURIComponent(id)}/priority`, {method: 'POST', body: {priority: level.value}}));
      toast(`Priority now ${task.priority}`);
    } catch (error) {
      toast(error.message, 'error');
    }
  });
  retry.addEventListener('click', async () => {
    try {
      const again = await api(`/api/tasks/${encodeURIComponent(id)}/retry`, {method: 'POST'});
      toast(`Retrying as ${again.id}`);
      location.hash = `#/tasks/${encodeURIComponent(again.id)}`;
    } catch (error) {
      toast(error.message, 'error');
    }
  });

  let left = false;
  let stop = () => {};
  refresh().then(() => {
    if (!left) stop = follow({taskId: id, onEvent, onPoll: poll});
  }).catch(error => {
    if (left) return;
    clear(main).append(h('h1', {}, 'Task not found'), h('p', {class: 'error', role: 'alert', id: 'not-found'},
      error instanceof ProblemError && error.status === 404 ? `No task ${id} is visible to you.` : error.message));
  });
  return () => {
    left = true;
    stop();
  };
}

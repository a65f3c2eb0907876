// Follows task events over WebSocket, falling back to server-sent events, then to polling; resumes after the
// last event id it saw. ?live=sse or ?live=poll in the page's address starts further down that list.

import {query, token} from './api.js';

const EVENT_NAMES = ['task_started', 'progress_update', 'task_retrying', 'task_completed', 'task_failed',
  'task_cancelled'];
const MODES = ['websocket', 'sse', 'poll'];
const POLL_INTERVAL_MS = 3000;
const RECONNECT_MS = 2000;

let bestMode = MODES.includes(new URLSearchParams(location.search).get('live'))
  ? new URLSearchParams(location.search).get('live') : 'websocket';

function showMode(mode) {
  const label = {websocket: 'live: WebSocket', sse: 'live: server-sent events', poll: 'polling every 3 s'}[mode];
  const element = document.getElementById('live-mode');
  element.textContent = label;
  element.dataset.mode = mode;
}

/**
 * Calls onEvent(event) for each event of one task (taskId) or of all the caller may see (filters type, status);
 * when only polling works, calls onPoll() every few seconds instead. Returns a function that stops it all.
 */
export function follow({taskId = null, filters = {}, onEvent, onPoll}) {
  let lastEventId = null;
  let stopped = false;
  let current = null;
  let timer = null;

  const paths = {
    websocket: taskId ? `/ws/tasks/${encodeURIComponent(taskId)}` : '/ws/tasks',
    sse: taskId ? `/api/tasks/${encodeURIComponent(taskId)}/events` : '/api/tasks/events',
  };

  function deliver(event) {
    lastEventId = event.id ?? lastEventId;
    onEvent(event);
  }

  function fallBack(from) {
    const next = MODES[MODES.indexOf(from) + 1];
    if (MODES.indexOf(next) > MODES.indexOf(bestMode)) bestMode = next;
    start(next);
  }

  function start(mode) {
    if (stopped) return;
    showMode(mode);
    if (mode === 'websocket') openSocket();
    else if (mode === 'sse') openEventSource();
    else {
      onPoll();
      timer = setInterval(onPoll, POLL_INTERVAL_MS);
    }
  }

  function openSocket() {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const url = `${scheme}//${location.host}${paths.websocket}${query({...filters, lastEventId,
      access_token: token()})}`;
    const socket = new WebSocket(url);
    let opened = false;
    current = socket;
    socket.onopen = () => { opened = true; };
    socket.onmessage = message => deliver(JSON.parse(message.data));
    socket.onclose = closed => {
      if (stopped || current !== socket) return;
      if (!opened) fallBack('websocket');
      else if (closed.code !== 1000) timer = setTimeout(() => start('websocket'), RECONNECT_MS);
      // 1000: the stream ended (a task's stream ends after its last event)
    };
  }

  function openEventSource() {
    const source = new EventSource(`${paths.sse}${query({...filters, access_token: token()})}`);
    let opened = false;
    current = source;
    source.onopen = () => { opened = true; };
    for (const name of EVENT_NAMES) {
      source.addEventListener(name, message => {
        const event = JSON.parse(message.data);
        deliver(event);
        if (taskId && ['task_completed', 'task_failed', 'task_cancelled'].includes(name)
            && ['COMPLETED', 'FAILED', 'CANCELLED', 'TIMED_OUT'].includes(event.status)) {
          source.close();
        }
      });
    }
    source.onerror = () => {
      if (stopped || opened) return; // once open, EventSource reconnects by itself with Last-Event-ID
      source.close();
      fallBack('sse');
    };
  }

  start(bestMode);
  return () => {
    stopped = true;
    clearInterval(timer);
    clearTimeout(timer);
    if (current) current.close();
  };
}

// Follows task events over WebSocket, falling back to server-sent events, then to polling; resumes after the
// last event id it saw. ?live=sse or ?live=poll in the page's address starts further down that list.

import {FINAL, query, token} from './api.js';

const EVENT_NAMES = ['task_started', 'progress_update', 'task_retrying', 'task_completed', 'task_failed',
  'task_cancelled'];
const MODES = ['websocket', 'sse', 'poll'];
const POLL_INTERVAL_MS = 3000;
const FIRST_RECONNECT_MS = 1000;
const LONGEST_RECONNECT_MS = 30000;
/** The server closed the socket for a reason a retry does not change (such as a faulty filter). */
const POLICY_VIOLATION = 1008;

const requested = new URLSearchParams(location.search).get('live');
const FIRST_MODE = MODES.includes(requested) ? requested : 'websocket';

function showMode(mode) {
  const label = {websocket: 'live: WebSocket', sse: 'live: server-sent events', poll: 'polling every 3 s',
    stopped: 'not following'}[mode];
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
  let reconnectMs = FIRST_RECONNECT_MS;
  let polling = false;

  const paths = {
    websocket: taskId ? `/ws/tasks/${encodeURIComponent(taskId)}` : '/ws/tasks',
    sse: taskId ? `/api/tasks/${encodeURIComponent(taskId)}/events` : '/api/tasks/events',
  };

  function deliver(event) {
    lastEventId = event.id ?? lastEventId;
    onEvent(event);
  }

  function start(mode) {
    if (stopped) return;
    showMode(mode);
    if (mode === 'websocket') openSocket();
    else if (mode === 'sse') openEventSource();
    else {
      poll();
      timer = setInterval(poll, POLL_INTERVAL_MS);
    }
  }

  function poll() {
    if (polling) return;
    polling = true;
    Promise.resolve().then(onPoll).catch(() => {}).finally(() => { polling = false; });
  }

  function openSocket() {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const url = `${scheme}//${location.host}${paths.websocket}${query({...filters, lastEventId,
      access_token: token()})}`;
    const socket = new WebSocket(url);
    let opened = false;
    current = socket;
    socket.onopen = () => {
      opened = true;
      reconnectMs = FIRST_RECONNECT_MS;
    };
    socket.onmessage = message => deliver(JSON.parse(message.data));
    socket.onclose = closed => {
      if (stopped || current !== socket) return;
      if (!opened) start('sse');
      else if (closed.code === POLICY_VIOLATION) showMode('stopped');
      else if (closed.code !== 1000) {
        // 1000: the stream ended, as a task's does after its last event; anything else is worth a retry
        timer = setTimeout(() => start('websocket'), reconnectMs);
        reconnectMs = Math.min(reconnectMs * 2, LONGEST_RECONNECT_MS);
      }
    };
  }

  function openEventSource() {
    const source = new EventSource(`${paths.sse}${query({...filters, access_token: token()})}`);
    current = source;
    for (const name of EVENT_NAMES) {
      source.addEventListener(name, message => {
        const event = JSON.parse(message.data);
        deliver(event);
        if (taskId && FINAL.includes(event.status)) source.close();
      });
    }
    source.onerror = () => {
      // EventSource reconnects by itself with Last-Event-ID, unless it gave up (no stream, or a refusal)
      if (stopped || source.readyState !== EventSource.CLOSED) return;
      start('poll');
    };
  }

  start(FIRST_MODE);
  return () => {
    stopped = true;
    clearInterval(timer);
    clearTimeout(timer);
    if (current) current.close();
  };
}

// Document upload by drag and drop or file picker: one file is one pipeline, several become one batch.

import {api, FINAL} from './api.js';
import {clear, h, toast} from './dom.js';
import {follow} from './live.js';
import {prioritySelect, progressBar, statusBadge, taskLink} from './tasks.js';

/** #/documents */
export function documentUpload(main) {
  const picker = h('input', {type: 'file', id: 'files', multiple: true, class: 'visually-hidden'});
  const zone = h('div', {id: 'drop-zone', class: 'drop-zone'},
    h('p', {}, 'Drop documents here'), picker,
    h('label', {for: 'files', class: 'button'}, 'or choose files'));
  const priority = prioritySelect('upload-priority');
  const results = h('section', {id: 'upload-results', 'aria-live': 'polite'});
  /** task id -> the places that show it: a status badge per document row, or the batch's progress bar */
  const shown = new Map();
  const ended = new Set();

  main.append(h('h1', {}, 'Documents'),
    h('p', {}, 'PDF, Word, Excel, HTML, Markdown or text. Each document runs the document pipeline; several at once'
      + ' run as one batch.'),
    h('label', {for: 'upload-priority'}, 'Priority'), priority, zone, results);

  zone.addEventListener('dragover', event => {
    event.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', event => {
    event.preventDefault();
    zone.classList.remove('over');
    upload([...event.dataTransfer.files]);
  });
  picker.addEventListener('change', () => upload([...picker.files]));

  async function upload(files) {
    if (!files.length) return;
    const form = new FormData();
    files.forEach(file => form.append('file', file, file.name));
    form.append('priority', priority.value);
    clear(results).append(h('p', {}, `Uploading ${files.length} file${files.length > 1 ? 's' : ''}…`));
    try {
      if (files.length === 1) {
        const document = await api('/api/documents', {method: 'POST', body: form});
        showResults(null, [{name: files[0].name, documentId: document.id, taskId: document.task?.id,
          duplicate: document.duplicate}]);
      } else {
        const bulk = await api('/api/documents/bulk', {method: 'POST', body: form});
        showResults(bulk.batch, bulk.documents.map(d => ({...d, name: files[d.index].name})));
      }
      await refreshAll();
    } catch (error) {
      clear(results).append(h('p', {class: 'error', role: 'alert'}, error.describe ? error.describe() : error.message));
    } finally {
      picker.value = '';
    }
  }

  function place(taskId, element) {
    if (!shown.has(taskId)) shown.set(taskId, []);
    shown.get(taskId).push(element);
  }

  function showResults(batch, documents) {
    shown.clear();
    ended.clear();
    clear(results);
    if (batch) {
      const bar = h('div', {id: 'batch-progress', 'data-kind': 'bar'});
      results.append(h('p', {id: 'batch'}, 'Batch ', taskLink(batch.id), ' of ', String(documents.length),
        ' documents'), bar);
      place(batch.id, bar);
    }
    const body = h('tbody', {});
    for (const document of documents) {
      const status = h('td', {class: 'status-cell'});
      body.append(h('tr', {'data-document-id': document.documentId}, h('td', {}, document.name),
        h('td', {}, h('code', {}, document.documentId)), h('td', {}, document.taskId ? taskLink(document.taskId) : '–'),
        status, h('td', {}, document.duplicate ? 'already uploaded' : 'new')));
      if (document.taskId) place(document.taskId, status);
    }
    results.append(h('table', {}, h('thead', {}, h('tr', {},
      ['File', 'Document', 'Task', 'Status', 'Upload'].map(name => h('th', {scope: 'col'}, name)))), body));
    toast(`${documents.length} document${documents.length > 1 ? 's' : ''} uploaded`);
  }

  function show(taskId, status, progress) {
    if (ended.has(taskId)) return; // a snapshot read before the last event must not undo it
    if (FINAL.includes(status)) ended.add(taskId);
    for (const element of shown.get(taskId) || []) {
      element.replaceChildren(element.dataset.kind === 'bar'
        ? progressBar(status, progress, 'Batch progress') : statusBadge(status));
    }
  }

  /** Every shown task as it is now: once after an upload (a duplicate's task may have ended long ago), and by polling. */
  async function refreshAll() {
    for (const id of shown.keys()) {
      const task = await api(`/api/tasks/${encodeURIComponent(id)}`);
      show(id, task.status, task.progress);
    }
  }

  const stop = follow({onEvent: event => show(event.taskId, event.status, event.progress), onPoll: refreshAll});
  return () => stop();
}

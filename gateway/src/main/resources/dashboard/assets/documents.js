// Document upload by drag and drop or file picker: one file is one pipeline, several become one batch.

import {api} from './api.js';
import {clear, h, toast} from './dom.js';
import {follow} from './live.js';
import {PRIORITIES, progressBar, statusBadge, taskLink} from './tasks.js';

/** #/documents */
export function documentUpload(main) {
  const picker = h('input', {type: 'file', id: 'files', multiple: true, class: 'visually-hidden'});
  const zone = h('div', {id: 'drop-zone', class: 'drop-zone'},
    h('p', {}, 'Drop documents here'), picker,
    h('label', {for: 'files', class: 'button'}, 'or choose files'));
  const priority = h('select', {id: 'upload-priority'},
    PRIORITIES.map(p => h('option', {value: p, selected: p === 'NORMAL'}, p)));
  const results = h('section', {id: 'upload-results', 'aria-live': 'polite'});
  const tracked = new Map();

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
        showResults(null, [{name: files[0].name, documentId: document.id, taskId: document.taskId,
          duplicate: document.duplicate}]);
      } else {
        const bulk = await api('/api/documents/bulk', {method: 'POST', body: form});
        showResults(bulk.batch, bulk.documents.map(d => ({...d, name: files[d.index].name})));
      }
    } catch (error) {
      clear(results).append(h('p', {class: 'error', role: 'alert'}, error.describe ? error.describe() : error.message));
    } finally {
      picker.value = '';
    }
  }

  function showResults(batch, documents) {
    tracked.clear();
    clear(results);
    if (batch) {
      results.append(h('p', {id: 'batch'}, 'Batch ', taskLink(batch.id), ' of ', String(documents.length),
        ' documents'));
      track(batch.id, batch.status, batch.progress);
    }
    const body = h('tbody', {});
    for (const document of documents) {
      const status = h('td', {class: 'status-cell'});
      body.append(h('tr', {'data-document-id': document.documentId}, h('td', {}, document.name),
        h('td', {}, h('code', {}, document.documentId)), h('td', {}, document.taskId ? taskLink(document.taskId) : '–'),
        status, h('td', {}, document.duplicate ? 'already uploaded' : 'new')));
      if (document.taskId) tracked.set(document.taskId, status);
    }
    results.append(h('table', {}, h('thead', {}, h('tr', {},
      ['File', 'Document', 'Task', 'Status', ''].map(name => h('th', {scope: 'col'}, name)))), body));
    toast(`${documents.length} document${documents.length > 1 ? 's' : ''} uploaded`);
  }

  function track(id, status, progress) {
    const cell = h('span', {id: 'batch-progress'}, progressBar(status, progress, 'Batch progress'));
    results.append(cell);
    tracked.set(id, cell);
  }

  const stop = follow({
    onEvent: event => {
      const cell = tracked.get(event.taskId);
      if (!cell) return;
      cell.replaceChildren(cell.id === 'batch-progress'
        ? progressBar(event.status, event.progress, 'Batch progress') : statusBadge(event.status));
    },
    onPoll: async () => {
      for (const [id, cell] of tracked) {
        const task = await api(`/api/tasks/${encodeURIComponent(id)}`);
        cell.replaceChildren(cell.id === 'batch-progress'
          ? progressBar(task.status, task.progress, 'Batch progress') : statusBadge(task.status));
      }
    },
  });
  return () => stop();
}

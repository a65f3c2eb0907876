// A submit form per task type, generated from the fields /api/task-types lists.

import {api, ProblemError, query} from './api.js';
import {clear, h, toast} from './dom.js';
import {prioritySelect} from './tasks.js';

const JSON_TYPES = ['object', 'object of strings', 'array', 'any'];

/** #/submit?type= */
export function submitForm(main, context, params) {
  const allowed = context.types.filter(type => context.me.roles.includes(type.requiredRole));
  const chosen = allowed.find(type => type.name === params.get('type')) || allowed[0];
  const picker = h('select', {id: 'task-type', name: 'task-type'},
    allowed.map(type => h('option', {value: type.name, selected: type === chosen}, type.name)));
  picker.addEventListener('change', () => { location.hash = `#/submit${query({type: picker.value})}`; });
  main.append(h('h1', {}, 'Submit a task'), h('label', {for: 'task-type'}, 'Task type'), picker);
  if (!chosen) {
    main.append(h('p', {}, 'Your role may submit no task type.'));
    return () => {};
  }

  const errors = h('div', {id: 'submit-errors', class: 'error', role: 'alert', tabindex: -1});
  const priority = prioritySelect('option-priority');
  priority.dataset.path = 'priority';
  const form = h('form', {id: 'submit-form', class: 'submit', novalidate: true},
    h('p', {class: 'description'}, chosen.description),
    chosen.fields.map(field => input(field, 'payload')),
    h('fieldset', {}, h('legend', {}, 'Options'),
      h('label', {for: 'option-priority'}, 'Priority'),
      priority,
      h('label', {for: 'option-run-at'}, 'Run at (optional, your local time)'),
      h('input', {id: 'option-run-at', type: 'datetime-local', 'data-path': 'runAt'})),
    errors,
    h('button', {type: 'submit'}, `Submit ${chosen.name}`));
  main.append(form);

  form.addEventListener('submit', async event => {
    event.preventDefault();
    clear(errors);
    form.querySelectorAll('[aria-invalid]').forEach(e => e.removeAttribute('aria-invalid'));
    let payload;
    try {
      payload = collect(chosen.fields, 'payload');
    } catch (invalid) {
      markInvalid(form, errors, [{field: invalid.field, message: invalid.message}]);
      return;
    }
    const runAt = form['option-run-at'].value ? new Date(form['option-run-at'].value).toISOString() : '';
    try {
      const task = await api(`${chosen.submit}${query({priority: form['option-priority'].value, runAt})}`,
        {method: 'POST', body: payload});
      toast(`Submitted ${task.id}`);
      location.hash = `#/tasks/${encodeURIComponent(task.id)}`;
    } catch (error) {
      if (error instanceof ProblemError && error.errors.length) markInvalid(form, errors, error.errors, error.message);
      else errors.append(h('p', {}, error.message));
    }
  });
  return () => {};
}

function markInvalid(form, region, fieldErrors, message = 'Please correct these fields:') {
  region.append(h('p', {}, message), h('ul', {}, fieldErrors.map(e => h('li', {}, h('code', {}, e.field), ` ${e.message}`))));
  for (const e of fieldErrors) {
    const element = form.querySelector(`[data-path="${CSS.escape(e.field)}"]`);
    if (element) element.setAttribute('aria-invalid', 'true');
  }
  const first = form.querySelector('input[aria-invalid], select[aria-invalid], textarea[aria-invalid]');
  (first || region).focus();
}

function inputId(path) {
  return `field-${path.replace(/[^a-zA-Z0-9]+/g, '-')}`;
}

function input(field, parent) {
  const path = `${parent}.${field.name}`;
  const id = inputId(path);
  const hint = `${field.description}${field.required ? '' : ' (optional)'}`;
  if (field.fields && field.type === 'object') {
    return h('fieldset', {'data-path': path}, h('legend', {}, field.name, field.required ? ' *' : ''),
      h('p', {class: 'hint'}, hint), field.fields.map(inner => input(inner, path)));
  }
  const common = {id, name: id, 'data-path': path, 'data-type': field.type, 'aria-describedby': `${id}-hint`,
    required: field.required};
  let control;
  if (field.type === 'boolean') {
    control = h('select', common, h('option', {value: ''}, '–'), h('option', {value: 'true'}, 'yes'),
      h('option', {value: 'false'}, 'no'));
  } else if (JSON_TYPES.includes(field.type)) {
    control = h('textarea', {...common, rows: 3, placeholder: field.type === 'array' ? '[ ]' : '{ }',
      spellcheck: 'false'});
  } else {
    control = h('input', {...common, type: field.sensitive ? 'password' : field.type === 'string' ? 'text' : 'number',
      step: field.type === 'integer' ? 1 : 'any', autocomplete: 'off'});
  }
  return h('div', {class: 'field'}, h('label', {for: id}, field.name, field.required ? ' *' : ''), control,
    h('small', {id: `${id}-hint`, class: 'hint'}, `${field.type}: ${hint}`));
}

/** The payload as JSON from the form's inputs; empty inputs are left out. */
function collect(fields, parent) {
  const value = {};
  for (const field of fields) {
    const path = `${parent}.${field.name}`;
    if (field.fields && field.type === 'object') {
      const inner = collect(field.fields, path);
      if (Object.keys(inner).length) value[field.name] = inner;
      continue;
    }
    const text = document.getElementById(inputId(path)).value.trim();
    if (text === '') continue;
    if (field.type === 'boolean') value[field.name] = text === 'true';
    else if (field.type === 'integer' || field.type === 'number') value[field.name] = Number(text);
    else if (JSON_TYPES.includes(field.type)) {
      try {
        value[field.name] = JSON.parse(text);
      } catch {
        throw Object.assign(new Error('is not valid JSON'), {field: path});
      }
    } else value[field.name] = text;
  }
  return value;
}

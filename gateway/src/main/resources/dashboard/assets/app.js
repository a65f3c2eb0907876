// Signs in (the dev token by itself on the same machine, else a pasted token), then shows the view the address names.

import {api, ProblemError, setToken, token} from './api.js';
import {clear, h} from './dom.js';
import {documentUpload} from './documents.js';
import {queueView} from './queue.js';
import {scheduleList} from './schedules.js';
import {statistics} from './stats.js';
import {submitForm} from './submit.js';
import {taskDetail, taskList} from './tasks.js';

const main = document.getElementById('view');
const signInForm = document.getElementById('sign-in');
const context = {me: null, types: []};
let leave = () => {};

const ROUTES = [
  {pattern: /^#\/tasks\/(.+)$/, show: (params, id) => taskDetail(main, context, decodeURIComponent(id))},
  {pattern: /^#\/tasks$/, show: params => taskList(main, context, params)},
  {pattern: /^#\/submit$/, show: params => submitForm(main, context, params)},
  {pattern: /^#\/documents$/, show: () => documentUpload(main, context)},
  {pattern: /^#\/schedules$/, show: () => scheduleList(main, context), role: 'MANAGER'},
  {pattern: /^#\/queue$/, show: () => queueView(main, context), role: 'MANAGER'},
  {pattern: /^#\/stats$/, show: params => statistics(main, context, params), role: 'MANAGER'},
];

/** Shows the view the address names; after a change of address, focus moves to it, as a new page's would. */
function route(event) {
  if (!context.me) return;
  leave();
  clear(main);
  const [path, search] = (location.hash || '#/tasks').split('?');
  const params = new URLSearchParams(search || '');
  for (const link of document.querySelectorAll('#nav a')) {
    if (link.getAttribute('href') === path) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  for (const candidate of ROUTES) {
    const match = path.match(candidate.pattern);
    if (!match) continue;
    if (candidate.role && !context.me.roles.includes(candidate.role)) {
      main.append(h('h1', {}, 'Not for your role'), h('p', {}, `This view needs the ${candidate.role} role.`));
      leave = () => {};
    } else {
      leave = candidate.show(params, ...match.slice(1)) || (() => {});
    }
    if (event) main.focus({preventScroll: true});
    return;
  }
  location.hash = '#/tasks';
}

async function start() {
  context.me = await api('/api/me');
  context.types = await api('/api/task-types');
  signInForm.hidden = true;
  const nav = document.getElementById('nav');
  nav.hidden = false;
  for (const link of nav.querySelectorAll('a[data-role]')) link.hidden = !context.me.roles.includes(link.dataset.role);
  document.getElementById('who').textContent = `${context.me.subject} · tenant ${context.me.tenant} · `
    + `${['ADMIN', 'MANAGER', 'USER'].find(role => context.me.roles.includes(role))}`;
  document.getElementById('sign-out').hidden = false;
  route(null);
}

function showSignIn(message = '') {
  leave();
  leave = () => {};
  context.me = null;
  clear(main);
  document.getElementById('nav').hidden = true;
  document.getElementById('sign-out').hidden = true;
  document.getElementById('who').textContent = '';
  document.getElementById('sign-in-error').textContent = message;
  signInForm.hidden = false;
  document.getElementById('token').focus();
}

async function signInWith(candidate) {
  setToken(candidate);
  try {
    await start();
    return true;
  } catch (error) {
    setToken(null);
    if (!(error instanceof ProblemError) || error.status !== 401) throw error;
    return false;
  }
}

signInForm.addEventListener('submit', async event => {
  event.preventDefault();
  const pasted = document.getElementById('token').value.trim();
  if (!(await signInWith(pasted))) showSignIn('That token was not accepted: it may be expired or signed by another key.');
});

document.getElementById('sign-out').addEventListener('click', () => {
  setToken(null);
  showSignIn();
});

window.addEventListener('tasklane:signed-out', () => showSignIn('Your token is no longer accepted; sign in again.'));
window.addEventListener('hashchange', route);

(async () => {
  if (token() && await signInWith(token())) return;
  try {
    const dev = await api('/api/dev-token', {anonymous: true});
    if (await signInWith(dev.token)) return;
  } catch {
    // no dev token here: sign in by hand
  }
  showSignIn();
})();

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
  {pattern: /^#\/tasks\/(.+)$/, show: (_, id) => taskDetail(main, decodeURIComponent(id))},
  {pattern: /^#\/tasks$/, show: params => taskList(main, context, params)},
  {pattern: /^#\/submit$/, show: params => submitForm(main, context, params)},
  {pattern: /^#\/documents$/, show: () => documentUpload(main)},
  {pattern: /^#\/schedules$/, show: () => scheduleList(main, context), role: 'MANAGER'},
  {pattern: /^#\/queue$/, show: () => queueView(main, context), role: 'MANAGER'},
  {pattern: /^#\/stats$/, show: params => statistics(main, context, params), role: 'MANAGER'},
];

let shownPath = null;

/**
 * Shows the view the address names. After a change of address focus moves to the view, as a new page's would; when
 * only a filter of the same view changed, it stays on the control that changed it.
 */
function route(event) {
  if (!context.me) return;
  const [path, search] = (location.hash || '#/tasks').split('?');
  const keep = event && path === shownPath ? document.activeElement?.id : null;
  leave();
  clear(main);
  const params = new URLSearchParams(search || '');
  for (const link of document.querySelectorAll('#nav a')) {
    if (link.getAttribute('href') === path) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  for (const candidate of ROUTES) {
    const match = path.match(candidate.pattern);
    if (!match) continue;
    shownPath = path;
    if (candidate.role && !context.me.roles.includes(candidate.role)) {
      main.append(h('h1', {}, 'Not for your role'), h('p', {}, `This view needs the ${candidate.role} role.`));
      leave = () => {};
    } else {
      leave = candidate.show(params, ...match.slice(1)) || (() => {});
    }
    const control = keep && document.getElementById(keep);
    if (control) control.focus();
    else if (event) main.focus({preventScroll: true});
    return;
  }
  location.hash = '#/tasks';
}

async function start() {
  context.me = await api('/api/me');
  context.types = await api('/api/task-types');
  const nav = document.getElementById('nav');
  nav.hidden = false;
  for (const link of nav.querySelectorAll('a[data-role]')) link.hidden = !context.me.roles.includes(link.dataset.role);
  document.getElementById('who').textContent = `${context.me.subject} · tenant ${context.me.tenant} · `
    + `${['ADMIN', 'MANAGER', 'USER'].find(role => context.me.roles.includes(role))}`;
  document.getElementById('sign-out').hidden = false;
  const wasSigningIn = !signInForm.hidden;
  signInForm.hidden = true;
  route(null);
  if (wasSigningIn) main.focus({preventScroll: true}); // the form that had focus is gone
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

/** Tries a token: true when it signed in, false when it was refused; any other failure is said on the form. */
async function signInWith(candidate) {
  setToken(candidate);
  try {
    await start();
    return true;
  } catch (error) {
    setToken(null);
    context.me = null;
    if (error instanceof ProblemError && error.status === 401) return false;
    showSignIn(`Tasklane did not answer as expected: ${error.message}`);
    return null;
  }
}

signInForm.addEventListener('submit', async event => {
  event.preventDefault();
  const pasted = document.getElementById('token').value.trim();
  if (await signInWith(pasted) === false) {
    showSignIn('That token was not accepted: it may be expired or signed by another key.');
  }
});

document.getElementById('sign-out').addEventListener('click', () => {
  setToken(null);
  showSignIn();
});

document.querySelector('.skip').addEventListener('click', event => {
  event.preventDefault(); // #view is no route
  main.focus();
});

window.addEventListener('tasklane:signed-out', () => showSignIn('Your token is no longer accepted; sign in again.'));
window.addEventListener('hashchange', route);

(async () => {
  if (token() && await signInWith(token()) !== false) return;
  let dev = null;
  try {
    dev = await api('/api/dev-token', {anonymous: true});
  } catch {
    // no dev token here: sign in by hand
  }
  if (dev && await signInWith(dev.token) !== false) return;
  showSignIn();
})();

// Calls the REST API with the signed-in token and turns problem+json answers into errors that say what to change.

const TOKEN_KEY = 'tasklane.token';

export const STATUSES = ['SCHEDULED', 'QUEUED', 'WAITING', 'RUNNING', 'AWAITING_APPROVAL', 'RETRYING', 'COMPLETED',
  'FAILED', 'CANCELLED', 'TIMED_OUT'];
export const FINAL = ['COMPLETED', 'FAILED', 'CANCELLED', 'TIMED_OUT'];
export const PRIORITIES = ['CRITICAL', 'HIGH', 'NORMAL', 'LOW', 'BACKGROUND'];

/** An answer of 4xx or 5xx: its problem's detail and field errors. */
export class ProblemError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.errors = problem.errors || [];
  }

  /** The message with each field error, for a person. */
  describe() {
    return [this.message, ...this.errors.map(e => `${e.field}: ${e.message}`)].join('\n');
  }
}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(value) {
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
}

/** fetch with the token; JSON bodies are sent as JSON, FormData as multipart. Resolves to the parsed answer. */
export async function api(path, {method = 'GET', body, anonymous = false} = {}) {
  const headers = {Accept: 'application/json'};
  if (!anonymous && token()) headers.Authorization = `Bearer ${token()}`;
  let payload = body;
  if (body !== undefined && !(body instanceof FormData)) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const response = await fetch(path, {method, headers, body: payload});
  const text = await response.text();
  const parsed = text ? safeJson(text) : null;
  if (!response.ok) {
    const problem = parsed && typeof parsed === 'object' ? parsed : {detail: `HTTP ${response.status}`};
    if (response.status === 401 && !anonymous) window.dispatchEvent(new Event('tasklane:signed-out'));
    throw new ProblemError(response.status, problem);
  }
  return parsed;
}

function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return {detail: text};
  }
}

/** Query string of the given, non-empty values. */
export function query(values) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && value !== null && value !== '') params.set(name, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

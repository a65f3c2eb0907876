// Builds elements from parts, so that text from the server is never parsed as HTML.

/** h('a', {href: '#/x', class: 'c'}, 'text', child) */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else element.append(child instanceof Node ? child : String(child));
  }
}

/** An SVG element with attributes and children. */
export function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined) element.setAttribute(name, String(value));
  }
  append(element, children);
  return element;
}

/** A name and value of a definition list. */
export function fact(name, value) {
  return [h('dt', {}, name), h('dd', {}, value)];
}

export function clear(element) {
  element.replaceChildren();
  return element;
}

/** A short "3 s", "4 min", "2 h" for seconds. */
export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  if (seconds < 60) return `${Math.round(seconds * 10) / 10} s`;
  if (seconds < 3600) return `${Math.round(seconds / 6) / 10} min`;
  return `${Math.round(seconds / 360) / 10} h`;
}

export function time(instant) {
  return instant ? new Date(instant).toLocaleString() : '–';
}

/**
 * Runs load() now and every everyMs (when given) until the returned function is called, never two at once. A first
 * failure is said in place (an element of the view); later ones are left to the next round.
 */
export function keepLoaded(place, load, everyMs = 0) {
  let left = false;
  let busy = false;
  const run = first => {
    if (left || busy) return;
    busy = true;
    Promise.resolve().then(load).catch(error => {
      if (first && !left) place.append(h('p', {class: 'error', role: 'alert'}, error.message));
    }).finally(() => { busy = false; });
  };
  run(true);
  const timer = everyMs ? setInterval(() => run(false), everyMs) : null;
  return () => {
    left = true;
    clearInterval(timer);
  };
}

let toastTimer;

/** Says something briefly in the status region, which screen readers announce. */
export function toast(message, kind = 'info') {
  const region = document.getElementById('toast');
  region.textContent = message;
  region.dataset.kind = kind;
  region.classList.add('shown');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => region.classList.remove('shown'), 6000);
}

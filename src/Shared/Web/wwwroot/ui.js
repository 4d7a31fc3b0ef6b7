// DOM helpers. Data only ever reaches the page as text (textContent / attribute values), never as HTML.

/** h('a', { href: '/x', class: 'y' }, 'text', child) builds an element; strings become text nodes. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
export const money = (n) => (n === null || n === undefined || n === '' ? '—' : usd.format(Number(n)));

/** "MedicalNecessity" → "Medical necessity". */
export function words(name) {
  if (!name) return '—';
  const s = String(name).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const todayUtc = () => { const d = new Date(); return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()); };

/** Whole days from today (UTC) to a yyyy-mm-dd date; null without a date. */
export function daysLeft(date) {
  if (!date) return null;
  const [y, m, d] = String(date).slice(0, 10).split('-').map(Number);
  return Math.round((Date.UTC(y, m - 1, d) - todayUtc()) / 86400000);
}

/** A "days left" badge: red under 7 days, overdue when negative. */
export function daysBadge(date) {
  const n = daysLeft(date);
  if (n === null) return h('span', { class: 'muted' }, '—');
  const text = n < 0 ? `${-n} days overdue` : n === 0 ? 'due today' : n === 1 ? '1 day' : `${n} days`;
  return h('span', { class: n < 7 ? 'days urgent' : n < 14 ? 'days soon' : 'days', title: `Deadline ${formatDate(date)}` }, text);
}

export function formatDate(date) {
  if (!date) return '—';
  const [y, m, d] = String(date).slice(0, 10).split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-US', { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' });
}

export function formatDateTime(value) {
  if (!value) return '—';
  return new Date(value).toLocaleString('en-US', { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function statusBadge(status) {
  return h('span', { class: `status status-${String(status ?? '').toLowerCase()}` }, words(status));
}

/** Shows a message in a live region (role=status or role=alert in the HTML). kind: info | ok | error | warn. */
export function say(region, text, kind = 'info') {
  region.hidden = !text;
  region.className = `message ${kind}`;
  region.textContent = text ?? '';
}

export function param(name) {
  return new URLSearchParams(location.search).get(name);
}

/** A definition list from [label, value] pairs (values: text or nodes). */
export function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.filter(([, v]) => v !== undefined).flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v ?? '—')]));
}

/** A table with a caption, header and rows of cells; each cell text or node; labels repeat on phones. */
export function table(caption, headers, rows, { empty = 'Nothing here.', className = '', hideCaption = false } = {}) {
  if (!rows.length) return h('p', { class: 'muted' }, empty);
  return h('div', { class: 'table-wrap' }, h('table', { class: `grid ${className}` },
    h('caption', { class: hideCaption ? 'sr-only' : null }, caption),
    h('thead', {}, h('tr', {}, headers.map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((c, i) => h('td', { 'data-label': headers[i] }, c)))))));
}

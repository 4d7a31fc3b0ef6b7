import { api, ACTIONS, CATEGORIES, STATUSES } from './api.js';
import { me, can, noAccess, refusal } from './access.js';
import { h, fill, money, words, daysLeft, daysBadge, formatDate, statusBadge, say, table } from './ui.js';

const form = document.getElementById('filters');
const message = document.getElementById('message');
const casesEl = document.getElementById('cases');
const unmatchedEl = document.getElementById('unmatched');

function options(select, values) {
  for (const v of values) select.append(h('option', { value: v }, words(v)));
}
options(form.elements.status, STATUSES);
options(form.elements.category, CATEGORIES);
options(form.elements.action, ACTIONS);

// Filters live in the address bar, so a filtered queue can be bookmarked and Back works.
const initial = new URLSearchParams(location.search);
for (const el of form.elements) if (el.name && initial.has(el.name)) el.value = initial.get(el.name);

function current() {
  const q = new URLSearchParams();
  for (const el of form.elements) if (el.name && el.value) q.set(el.name, el.value);
  return q;
}

function withinWindow(c, window) {
  if (!window) return true;
  const n = daysLeft(c.deadline);
  if (n === null) return false;
  return window === 'overdue' ? n < 0 : n <= Number(window);
}

async function load() {
  const q = current();
  history.replaceState(null, '', q.toString() ? `?${q}` : location.pathname);
  const apiQuery = new URLSearchParams();
  for (const k of ['status', 'payer', 'provider', 'category', 'action', 'sort']) if (q.get(k)) apiQuery.set(k, q.get(k));
  const r = await api(`/api/cases?${apiQuery}`);
  if (!r.ok) {
    say(message, refusal(r, await me, 'read') ?? `The cases could not be loaded. ${r.message}`, 'error');
    fill(casesEl);
    return;
  }
  say(message, '');
  const list = r.data.filter((c) => withinWindow(c, q.get('deadline')));
  const rows = list.map((c, i) => [
    String(i + 1),
    h('a', { href: `/case.html?id=${encodeURIComponent(c.id)}`, class: 'case-link' }, c.patientControlNumber || c.id),
    c.payerName || c.payerId,
    h('span', { class: 'num' }, money(c.denied)),
    daysBadge(c.deadline),
    h('span', {}, c.summary || c.reasonCodes || '—'),
    words(c.action),
    statusBadge(c.status),
  ]);
  fill(casesEl, table(`${list.length} ${list.length === 1 ? 'case' : 'cases'}, ${q.get('sort') === 'deadline' ? 'earliest deadline' : 'highest priority'} first`,
    ['#', 'Account', 'Payer', 'Denied', 'Days left', 'Reason', 'Action', 'Status'], rows,
    { empty: 'No cases match these filters.', className: 'stack queue' }));
}

async function loadUnmatched() {
  const r = await api('/api/unmatched');
  if (r.status === 404) {
    fill(unmatchedEl, h('p', { class: 'muted' }, 'The unmatched queue is not available on this server.'));
    return;
  }
  if (!r.ok) {
    fill(unmatchedEl, h('p', { class: 'message error' }, refusal(r, await me, 'read') ?? `The unmatched queue could not be loaded. ${r.message}`));
    return;
  }
  // [{ case: CaseSummary, reason }]: denials that match no submitted claim on file (import the records, then they are researched again).
  const list = Array.isArray(r.data) ? r.data : [];
  fill(unmatchedEl, table(`${list.length} unmatched`, ['Account', 'Payer', 'Denied', 'Received', 'Why it is unmatched'],
    list.map(({ case: c, reason }) => [
      h('a', { href: `/case.html?id=${encodeURIComponent(c.id)}`, class: 'unmatched-link' }, c.patientControlNumber || c.id),
      c.payerName || c.payerId,
      money(c.denied),
      formatDate(c.createdAt),
      reason ?? '—',
    ]), { empty: 'No unmatched remittances.', className: 'stack unmatched' }));
}

form.addEventListener('submit', (e) => { e.preventDefault(); load(); });
form.addEventListener('change', () => load());
form.addEventListener('reset', () => setTimeout(load));

// A role that cannot read cases (a payer) sees why, not filters and tables that can only fail.
me.then((user) => {
  if (can(user, 'read')) { load(); loadUnmatched(); return; }
  for (const el of [form, casesEl, unmatchedEl]) el.closest('section').hidden = true;
  say(message, noAccess(user, 'read'), 'error');
});

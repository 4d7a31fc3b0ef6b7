// The dashboard's prevention view (docs/web.md): what the claim check predicted before submission, what it missed and
// its false alarms per rule, and the payers and providers with preventable denials, each row linking to the work
// queue filtered to it. GET /api/claims/check/metrics (Manager, Admin).
import { api } from './api.js';
import { me, can } from './access.js';
import { h, fill, money } from './ui.js';

const root = document.getElementById('prevention');
const count = (n) => String(n ?? 0);

function rows(caption, list, label) {
  if (!list?.length) return h('p', { class: 'muted' }, `No checked claim has been denied yet (${label.toLowerCase()}s appear here then).`);
  const headers = [label, 'Denied', 'Preventable', 'Predicted', 'Missed', 'Preventable amount', 'Predicted amount'];
  return h('div', { class: 'table-wrap' }, h('table', { class: 'grid stack', 'data-table': caption },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, headers.map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, list.map((r) => h('tr', { 'data-key': r.id },
      h('td', { 'data-label': label }, h('a', { href: r.queueLink }, r.name || r.id)),
      h('td', { 'data-label': 'Denied', class: 'num' }, count(r.denied)),
      h('td', { 'data-label': 'Preventable', class: 'num' }, count(r.preventable)),
      h('td', { 'data-label': 'Predicted', class: 'num' }, count(r.predicted)),
      h('td', { 'data-label': 'Missed', class: 'num' }, count(r.missed)),
      h('td', { 'data-label': 'Preventable amount', class: 'num' }, money(r.preventableAmount)),
      h('td', { 'data-label': 'Predicted amount', class: 'num' }, money(r.predictedAmount)))))));
}

function render(r) {
  fill(root,
    h('h2', { id: 'prevention-h' }, 'Prevention: the claim check'),
    h('div', { class: 'kpis' },
      [['checked', 'Claims checked', r.checked], ['preventable', 'Preventable denials', r.preventable], ['predicted', 'Predicted', r.predicted],
        ['missed', 'Missed', r.missed], ['falseAlarms', 'False alarms', r.falseAlarms]].map(([k, label, v]) =>
        h('div', { class: 'kpi', 'data-metric': k }, h('div', { class: 'label' }, label), h('div', { class: 'value' }, count(v)))),
      h('div', { class: 'kpi', 'data-metric': 'preventableAmount' }, h('div', { class: 'label' }, 'Money at stake (preventable)'), h('div', { class: 'value' }, money(r.preventableAmount)))),
    h('div', { class: 'table-wrap' }, h('table', { class: 'grid stack', 'data-table': 'By rule' },
      h('caption', {}, 'By rule'),
      h('thead', {}, h('tr', {}, ['Rule', 'Flagged', 'Predicted', 'Missed', 'False alarms'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, r.byRule.map((m) => h('tr', { 'data-key': m.rule },
        h('td', { 'data-label': 'Rule' }, m.rule), h('td', { 'data-label': 'Flagged', class: 'num' }, count(m.flagged)),
        h('td', { 'data-label': 'Predicted', class: 'num', 'data-field': 'predicted' }, count(m.predicted)),
        h('td', { 'data-label': 'Missed', class: 'num', 'data-field': 'missed' }, count(m.missed)),
        h('td', { 'data-label': 'False alarms', class: 'num', 'data-field': 'falseAlarms' }, count(m.falseAlarms))))))),
    rows('Preventable denials by payer', r.byPayer, 'Payer'),
    rows('Preventable denials by provider', r.byProvider, 'Provider'),
    h('p', {}, h('a', { class: 'button secondary', href: '/api/claims/check/metrics.csv', download: '' }, 'Download prevention CSV')));
}

me.then(async (user) => {
  if (!root || !can(user, 'metrics')) return;
  const r = await api('/api/claims/check/metrics');
  if (r.ok) render(r.data);
  else if (r.status !== 404) fill(root, h('p', { class: 'muted' }, `The prevention figures could not be loaded. ${r.message}`));
});

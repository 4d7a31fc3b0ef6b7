import { api } from './api.js';
import { me, can, noAccess, refusal } from './access.js';
import { h, fill, money, words, say, formatDateTime } from './ui.js';

// GET /api/metrics (docs/api.md): { from, to, payer, provider, asOf, rolledUpAt, totals, byMonth[], byCarc[], byCategory[],
// byPayer[], byProvider[], byCoder[], openCases: { total, byAge{}, byDaysToDeadline{} } }. Rates are 0–1 or null.

const form = document.getElementById('filters');
const message = document.getElementById('message');
const root = document.getElementById('metrics');
const csv = document.getElementById('csv');
const SVG = 'http://www.w3.org/2000/svg';

const initial = new URLSearchParams(location.search);
for (const el of form.elements) if (el.name && initial.has(el.name)) el.value = initial.get(el.name);

const count = (v) => (v === null || v === undefined ? '—' : Number(v).toLocaleString('en-US'));
const rate = (v) => (v === null || v === undefined ? '—' : `${(Number(v) * 100).toFixed(1)}%`);
const days = (v) => (v === null || v === undefined ? '—' : `${Number(v).toLocaleString('en-US', { maximumFractionDigits: 1 })} days`);

const KPIS = [
  ['claimsReceived', 'Claims received', count],
  ['claimsDenied', 'Claims denied', count],
  ['denialRate', 'Denial rate', rate],
  ['amountDenied', 'Amount denied', money],
  ['overturnRate', 'Overturn rate', rate],
  ['amountRecovered', 'Recovered', money],
  ['medianDaysToResolution', 'Median time to resolve', days],
  ['p90DaysToResolution', '90th percentile', days],
  ['lettersApproved', 'Letters approved', count],
  ['deadlinesMissed', 'Deadlines missed', count],
];

const COLUMNS = [
  ['claimsDenied', 'Denied', count], ['amountDenied', 'Amount denied', money], ['denialRate', 'Denial rate', rate],
  ['resolved', 'Resolved', count], ['overturnRate', 'Overturn rate', rate], ['amountRecovered', 'Recovered', money],
];

function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

/** Horizontal bars, one per [label, value], with the value written at the end of each bar. scale: the full-width value (1 for rates). */
function barChart(title, pairs, format, scale) {
  const width = 460, rowH = 26, left = 120, right = 90, pad = 6;
  const max = scale ?? (Math.max(0, ...pairs.map(([, v]) => Number(v) || 0)) || 1);
  const height = pad * 2 + Math.max(1, pairs.length) * rowH;
  const chart = svg('svg', { class: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': `${title}: ${pairs.map(([l, v]) => `${l} ${format(v)}`).join('; ') || 'no data'}` },
  svg('line', { class: 'axis', x1: left, y1: 0, x2: left, y2: height }));
  pairs.forEach(([label, value], i) => {
    const y = pad + i * rowH;
    const w = Math.max(1, ((width - left - right) * (Number(value) || 0)) / max);
    chart.append(
      svg('text', { x: left - 6, y: y + 17, 'text-anchor': 'end' }, String(label).slice(0, 18)),
      svg('rect', { class: 'bar', x: left, y: y + 4, width: w, height: rowH - 8, rx: 3 }),
      svg('text', { x: left + w + 6, y: y + 17 }, format(value)));
  });
  return chart;
}

function chartCard(id, title, pairs, format, extra, { scale, empty = 'No data for this period.', note } = {}) {
  return h('section', { class: 'card', 'aria-labelledby': `${id}-h`, id },
    h('h2', { id: `${id}-h` }, title),
    note ? h('p', { class: 'muted' }, note) : null,
    pairs.length ? barChart(title, pairs, format, scale) : h('p', { class: 'muted' }, empty),
    extra ?? null);
}

// The appeals the payer decided (overturnRate's denominator, docs/api.md), beside the rate, and what overturns recovered.
const OVERTURN_COLUMNS = [
  ['overturned', 'Overturned', count], ['partiallyOverturned', 'Partly overturned', count], ['upheld', 'Upheld', count],
  ['overturnRate', 'Overturn rate', rate], ['amountRecovered', 'Recovered', money],
];
const RECOVERED_COLUMNS = [
  ['resolved', 'Resolved', count], ['overturned', 'Overturned', count], ['partiallyOverturned', 'Partly overturned', count],
  ['amountRecovered', 'Recovered', money],
];
const OVERTURN_NOTE = 'Overturned and partly overturned appeals out of those the payer decided (overturned, partly overturned, upheld).';
const decided = (rows) => (rows ?? []).filter((r) => r.overturnRate !== null && r.overturnRate !== undefined);

// Per coder, first: letters approved (counted for the coder who approved them; docs/api.md, metrics).
const CODER_COLUMNS = [['lettersApproved', 'Letters approved', count], ...COLUMNS];

function figuresTable(caption, rows, labelHeader, labelOf = (r) => r.key, columns = COLUMNS) {
  if (!rows?.length) return null;
  return h('div', { class: 'table-wrap' }, h('table', { class: 'grid stack', 'data-table': caption },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, labelHeader), columns.map(([, t]) => h('th', { scope: 'col', class: 'num' }, t)))),
    h('tbody', {}, rows.map((r) => h('tr', { 'data-key': r.key },
      h('td', { 'data-label': labelHeader }, labelOf(r)),
      columns.map(([k, t, f]) => h('td', { class: 'num', 'data-label': t, 'data-field': k }, f(r[k]))))))));
}

function render(report) {
  const t = report.totals ?? {};
  const open = report.openCases ?? { total: 0, byAge: {}, byDaysToDeadline: {} };
  const kpis = h('div', { class: 'kpis' },
    KPIS.map(([key, label, f]) => h('div', { class: 'kpi', 'data-metric': key },
      h('div', { class: 'label' }, label), h('div', { class: 'value' }, f(t[key])))),
    h('div', { class: 'kpi', 'data-metric': 'openCases' }, h('div', { class: 'label' }, 'Open cases'), h('div', { class: 'value' }, count(open.total))));

  const period = h('p', { class: 'muted', id: 'period' },
    `${report.from} to ${report.to}${report.payer ? ` · payer ${report.payer}` : ''}${report.provider ? ` · provider ${report.provider}` : ''} · `,
    report.rolledUpAt ? `figures as of ${formatDateTime(report.rolledUpAt)}` : 'the figures have not been rolled up yet');

  const empty = !t.claimsReceived && !t.claimsDenied && !open.total;
  const months = report.byMonth ?? [];
  // The API lists categories by name; the chart ranks them, the largest denied amount first (a stable sort: ties by name).
  const topCategories = [...(report.byCategory ?? [])].sort((a, b) => Number(b.amountDenied) - Number(a.amountDenied));
  fill(root,
    period,
    empty ? h('p', { class: 'card muted', id: 'no-metrics' }, 'No data for these filters yet.') : null,
    kpis,
    h('div', { class: 'charts' },
      chartCard('chart-month', 'Denied claims by month', months.map((m) => [m.key, m.claimsDenied]), count, figuresTable('By month', months, 'Month')),
      chartCard('chart-carc', 'Top denial reasons (CARC)', (report.byCarc ?? []).slice(0, 10).map((c) => [c.carc, c.claimsDenied]), count,
        report.byCarc?.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'grid stack', 'data-table': 'By CARC' },
          h('caption', {}, 'By reason code'),
          h('thead', {}, h('tr', {}, ['CARC', 'Denied', 'Amount denied', 'Denial rate'].map((x) => h('th', { scope: 'col' }, x)))),
          h('tbody', {}, report.byCarc.map((c) => h('tr', { 'data-key': c.carc },
            h('td', { 'data-label': 'CARC' }, c.carc), h('td', { 'data-label': 'Denied', 'data-field': 'claimsDenied' }, count(c.claimsDenied)),
            h('td', { 'data-label': 'Amount denied', 'data-field': 'amountDenied' }, money(c.amountDenied)),
            h('td', { 'data-label': 'Denial rate', 'data-field': 'denialRate' }, rate(c.denialRate))))))) : null),
      chartCard('chart-category', 'Top categories by amount denied', topCategories.map((c) => [words(c.key), c.amountDenied]), money,
        figuresTable('By category', topCategories, 'Category', (r) => words(r.key))),
      chartCard('chart-payer', 'Denied amount by payer', (report.byPayer ?? []).map((c) => [c.key, c.amountDenied]), money,
        figuresTable('By payer', report.byPayer, 'Payer')),
      chartCard('chart-overturn-payer', 'Overturn rate by payer', decided(report.byPayer).map((r) => [r.key, r.overturnRate]), rate,
        figuresTable('Overturn rate by payer', decided(report.byPayer), 'Payer', undefined, OVERTURN_COLUMNS),
        { scale: 1, empty: 'No appeal decided by a payer in this period.', note: OVERTURN_NOTE }),
      chartCard('chart-overturn-category', 'Overturn rate by category', decided(report.byCategory).map((r) => [words(r.key), r.overturnRate]), rate,
        figuresTable('Overturn rate by category', decided(report.byCategory), 'Category', (r) => words(r.key), OVERTURN_COLUMNS),
        { scale: 1, empty: 'No appeal decided by a payer in this period.', note: OVERTURN_NOTE }),
      chartCard('chart-recovered', 'Amount recovered by month', months.map((m) => [m.key, m.amountRecovered]), money,
        figuresTable('Recovered by month', months, 'Month', undefined, RECOVERED_COLUMNS)),
      chartCard('chart-coder', 'Letters approved by coder', (report.byCoder ?? []).map((c) => [c.key.replace(/^user:/, ''), c.lettersApproved]), count,
        figuresTable('By coder', report.byCoder, 'Coder', (r) => r.key.replace(/^user:/, ''), CODER_COLUMNS)),
      chartCard('chart-age', 'Open cases by age (days)', Object.entries(open.byAge ?? {}), count),
      chartCard('chart-deadline', 'Open cases by days to deadline', Object.entries(open.byDaysToDeadline ?? {}), count)));
}

async function load() {
  const q = new URLSearchParams();
  for (const el of form.elements) if (el.name && el.value) q.set(el.name, el.value);
  history.replaceState(null, '', q.toString() ? `?${q}` : location.pathname);
  const suffix = q.toString() ? `?${q}` : '';
  csv.href = `/api/metrics.csv${suffix}`;
  const r = await api(`/api/metrics${suffix}`);
  if (r.status === 404) {
    say(message, '');
    csv.hidden = true;
    fill(root, h('p', { class: 'card muted', id: 'no-metrics' }, 'No metrics: this server does not provide them yet.'));
    return;
  }
  if (!r.ok) {
    const refused = refusal(r, await me, 'metrics');
    say(message, refused ? `The dashboard is for managers. ${refused}` : `The metrics could not be loaded. ${r.message}`, 'error');
    csv.hidden = true; // the CSV would be refused the same way
    fill(root);
    return;
  }
  say(message, '');
  csv.hidden = false;
  render(r.data ?? {});
}

form.addEventListener('submit', (e) => { e.preventDefault(); load(); });

// A role without the metrics (a coder, a payer) sees why, not filters and a CSV link that can only fail.
me.then((user) => {
  if (can(user, 'metrics')) { load(); return; }
  form.closest('section').hidden = true;
  csv.hidden = true;
  say(message, `The dashboard is for managers. ${noAccess(user, 'metrics')}`, 'error');
  fill(root);
});

import { api, CATEGORIES } from './api.js';
import { h, fill, money, words, say } from './ui.js';

const form = document.getElementById('filters');
const message = document.getElementById('message');
const root = document.getElementById('metrics');
const csv = document.getElementById('csv');
const SVG = 'http://www.w3.org/2000/svg';

for (const c of CATEGORIES) form.elements.category.append(h('option', { value: c }, words(c)));
const initial = new URLSearchParams(location.search);
for (const el of form.elements) if (el.name && initial.has(el.name)) el.value = initial.get(el.name);

const isMoney = (key) => /amount|dollars|recovered|denied|paid|charge|value/i.test(key);
const isRate = (key) => /rate|ratio|percent|share/i.test(key);

export function formatValue(key, v) {
  if (typeof v !== 'number') return String(v ?? '—');
  if (isRate(key)) return `${(v <= 1 ? v * 100 : v).toFixed(1)}%`;
  if (isMoney(key)) return money(v);
  return Number.isInteger(v) ? v.toLocaleString('en-US') : v.toFixed(1);
}

function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

/** A horizontal bar chart of rows[label] → rows[valueKey], with the numbers written next to the bars. */
function barChart(title, rows, labelKey, valueKey) {
  const width = 560, rowH = 26, left = 170, right = 110, top = 8;
  const max = Math.max(...rows.map((r) => Number(r[valueKey]) || 0), 0) || 1;
  const height = top * 2 + rows.length * rowH;
  const chart = svg('svg', { class: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `${title}: ${rows.map((r) => `${r[labelKey]} ${formatValue(valueKey, r[valueKey])}`).join(', ')}` },
    svg('line', { class: 'axis', x1: left, y1: 0, x2: left, y2: height }));
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    const v = Number(r[valueKey]) || 0;
    const w = Math.max(1, ((width - left - right) * v) / max);
    chart.append(
      svg('text', { x: left - 6, y: y + 17, 'text-anchor': 'end' }, String(words(r[labelKey])).slice(0, 24)),
      svg('rect', { class: 'bar', x: left, y: y + 4, width: w, height: rowH - 8, rx: 3 }),
      svg('text', { x: left + w + 6, y: y + 17, 'data-value': `${r[labelKey]}:${valueKey}` }, formatValue(valueKey, v)));
  });
  return chart;
}

function kpis(data) {
  const entries = Object.entries(data).filter(([, v]) => typeof v === 'number');
  if (!entries.length) return null;
  return h('div', { class: 'kpis' }, entries.map(([k, v]) =>
    h('div', { class: 'kpi', 'data-metric': k }, h('div', { class: 'label' }, words(k)), h('div', { class: 'value' }, formatValue(k, v)))));
}

function tableOf(title, rows) {
  const keys = Object.keys(rows[0] ?? {});
  return h('div', { class: 'table-wrap' }, h('table', { class: 'grid stack', 'data-series': title },
    h('caption', {}, words(title)),
    h('thead', {}, h('tr', {}, keys.map((k) => h('th', { scope: 'col' }, words(k))))),
    h('tbody', {}, rows.map((r) => h('tr', {}, keys.map((k) => h('td', { 'data-label': words(k), 'data-key': k }, formatValue(k, r[k]))))))));
}

/** Any array of objects in the metrics becomes a chart (first text field × each number field) and a table with every number. */
function series(data) {
  const out = [];
  for (const [name, rows] of Object.entries(data)) {
    if (!Array.isArray(rows) || !rows.length || typeof rows[0] !== 'object') continue;
    const keys = Object.keys(rows[0]);
    const labelKey = keys.find((k) => typeof rows[0][k] === 'string');
    const valueKeys = keys.filter((k) => typeof rows[0][k] === 'number');
    out.push(h('section', { class: 'card', 'data-series': name }, h('h2', {}, words(name)),
      labelKey ? valueKeys.slice(0, 2).map((vk) => h('figure', {}, h('figcaption', { class: 'muted' }, words(vk)), barChart(`${words(name)}, ${words(vk)}`, rows, labelKey, vk))) : null,
      tableOf(name, rows)));
  }
  return out;
}

function nested(data) {
  return Object.entries(data).filter(([, v]) => v && typeof v === 'object' && !Array.isArray(v))
    .map(([k, v]) => h('section', { class: 'card', 'data-group': k }, h('h2', {}, words(k)), kpis(v), h('div', { class: 'charts' }, series(v))));
}

async function load() {
  const q = new URLSearchParams();
  for (const el of form.elements) if (el.name && el.value) q.set(el.name, el.value);
  history.replaceState(null, '', q.toString() ? `?${q}` : location.pathname);
  csv.href = `/api/metrics.csv${q.toString() ? `?${q}` : ''}`;
  const r = await api(`/api/metrics${q.toString() ? `?${q}` : ''}`);
  if (r.status === 404) {
    say(message, '');
    fill(root, h('p', { class: 'card muted', id: 'no-metrics' }, 'No metrics yet: this server does not provide them, or nothing has been counted.'));
    csv.hidden = true;
    return;
  }
  if (!r.ok) { say(message, `The metrics could not be loaded. ${r.message}`, 'error'); fill(root); return; }
  say(message, '');
  csv.hidden = false;
  const data = r.data ?? {};
  const parts = [kpis(data), h('div', { class: 'charts' }, series(data)), nested(data)];
  const empty = !Object.keys(data).length;
  fill(root, empty ? h('p', { class: 'card muted', id: 'no-metrics' }, 'No data for these filters.') : parts);
}

form.addEventListener('submit', (e) => { e.preventDefault(); load(); });
load();

// The claim check page (docs/web.md): a coder drops an outbound batch (837P/837I or FHIR) and sees, per claim, ready /
// warn / fix first, the findings with their evidence and fix, and the denial risk with its parts. POST /api/claims/check
// (Coder, Admin); ?batch=ID shows a stored batch (GET /api/claims/check/batches/{id}, e.g. one dropped in claims-outbound).
import { api } from './api.js';
import { me, can, noAccess, refusal } from './access.js';
import { h, fill, say, money, formatDate, param } from './ui.js';

const form = document.getElementById('check');
const input = document.getElementById('file');
const zone = document.getElementById('zone');
const message = document.getElementById('message');
const card = document.getElementById('results-card');
const summary = document.getElementById('summary');
const results = document.getElementById('results');
const csv = document.getElementById('csv');

const LABEL = { ready: 'Ready', warn: 'Warn', 'fix-first': 'Fix first' };
const badge = (status) => h('span', { class: `status status-${status}`, 'data-status': status }, LABEL[status] ?? status);
const pct = (p) => `${Math.round(Number(p) * 100)}%`;

function claimRow(r) {
  const findings = r.findings.length
    ? h('ul', { class: 'findings' }, r.findings.map((f) => h('li', { 'data-rule': f.rule },
      badge(f.severity), ' ', h('strong', {}, f.rule), f.line ? ` (line ${f.line})` : '', ': ', f.evidence,
      h('br'), h('span', { class: 'muted' }, `Fix: ${f.fix}`))))
    : h('span', { class: 'muted' }, 'Nothing found.');
  const parts = r.riskParts.length ? h('ul', { class: 'findings' }, r.riskParts.map((p) => h('li', {}, `${p.name} ${pct(p.probability)}: ${p.explanation}`))) : null;
  return h('tr', { 'data-claim': r.claimId },
    h('td', { 'data-label': 'Claim' }, r.claimId),
    h('td', { 'data-label': 'Result' }, badge(r.status)),
    h('td', { 'data-label': 'Risk', class: 'num', 'data-field': 'risk' }, pct(r.risk)),
    h('td', { 'data-label': 'Payer' }, r.payerName ?? r.payerId ?? '—'),
    h('td', { 'data-label': 'Date of service' }, formatDate(r.serviceDate)),
    h('td', { 'data-label': 'Charge', class: 'num' }, money(r.charge)),
    h('td', { 'data-label': 'Findings' }, findings, parts ? h('details', {}, h('summary', {}, 'Risk parts'), parts) : null));
}

function render(report) {
  card.hidden = false;
  fill(summary, h('p', { id: 'counts' },
    `${report.claims} claims: `, h('strong', {}, `${report.ready} ready`), ', ', h('strong', {}, `${report.warn} warn`), ', ',
    h('strong', {}, `${report.fixFirst} fix first`), report.errors.length ? `, ${report.errors.length} not checked` : ''));
  csv.href = `/api/claims/check/batches/${encodeURIComponent(report.batchId)}?format=csv`;
  csv.hidden = false;
  const order = { 'fix-first': 0, warn: 1, ready: 2 };
  const rows = [...report.results].sort((a, b) => order[a.status] - order[b.status] || b.risk - a.risk);
  fill(results,
    h('div', { class: 'table-wrap' }, h('table', { class: 'grid stack', id: 'claims' },
      h('caption', {}, 'Claims, fix first at the top'),
      h('thead', {}, h('tr', {}, ['Claim', 'Result', 'Risk', 'Payer', 'Date of service', 'Charge', 'Findings'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, rows.map(claimRow)))),
    report.errors.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'grid stack issues', id: 'not-checked' },
      h('caption', {}, 'Not checked'),
      h('thead', {}, h('tr', {}, [h('th', { scope: 'col' }, 'Where'), h('th', { scope: 'col' }, 'Why')])),
      h('tbody', {}, report.errors.map((e) => h('tr', {}, h('td', { 'data-label': 'Where' }, e.source), h('td', { 'data-label': 'Why' }, e.reason)))))) : null);
}

async function check(file) {
  if (!file) { say(message, 'Choose a file first.', 'error'); input.focus(); return; }
  const send = document.getElementById('send');
  send.disabled = true;
  say(message, `Checking ${file.name}…`, 'info');
  const r = await api(`/api/claims/check?name=${encodeURIComponent(file.name)}`, { method: 'POST', body: file, headers: { 'Content-Type': 'application/octet-stream' } });
  send.disabled = false;
  if (!r.ok) { say(message, `The check failed. ${refusal(r, await me, 'check') ?? r.message}`, 'error'); return; }
  say(message, `Checked ${r.data.claims} claims: ${r.data.fixFirst} to fix first.`, r.data.fixFirst ? 'warn' : 'ok');
  history.replaceState(null, '', `?batch=${encodeURIComponent(r.data.batchId)}`);
  render(r.data);
}

form.addEventListener('submit', (e) => { e.preventDefault(); check(input.files[0]); });
zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('over'); });
zone.addEventListener('dragleave', () => zone.classList.remove('over'));
zone.addEventListener('drop', (e) => { e.preventDefault(); zone.classList.remove('over'); check(e.dataTransfer.files[0]); });

me.then(async (user) => {
  if (!can(user, 'check')) {
    form.hidden = true;
    say(message, noAccess(user, 'check'), 'error');
  }
  const batch = param('batch');
  if (batch && can(user, 'read')) {
    const r = await api(`/api/claims/check/batches/${encodeURIComponent(batch)}`);
    if (r.ok) render(r.data);
    else say(message, `Batch ${batch} could not be shown. ${r.message}`, 'error');
  }
});

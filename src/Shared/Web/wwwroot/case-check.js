// What the claim check said before submission, on the case of the denial that followed (docs/web.md): the newest
// check of the case's claim (GET /api/claims/check/claims/{claim id}), its result, risk and findings.
import { api } from './api.js';
import { h, fill, formatDateTime, param } from './ui.js';

const root = document.getElementById('claim-check');
const LABEL = { ready: 'Ready', warn: 'Warn', 'fix-first': 'Fix first' };

async function show() {
  const id = param('id');
  if (!root || !id) return;
  const c = await api(`/api/cases/${encodeURIComponent(id)}`);
  if (!c.ok) return;
  const claimId = c.data.case.patientControlNumber;
  const r = await api(`/api/claims/check/claims/${encodeURIComponent(claimId)}`);
  if (!r.ok) return;
  const latest = r.data.find((x) => x.result);
  root.hidden = false;
  if (!latest) {
    fill(root, h('h2', { id: 'claim-check-h' }, 'Before submission'), h('p', { class: 'muted', id: 'no-check' }, 'This claim was not checked before it was sent.'));
    return;
  }
  const res = latest.result;
  fill(root,
    h('h2', { id: 'claim-check-h' }, 'Before submission: the claim check said'),
    h('p', { id: 'check-said' }, h('span', { class: `status status-${res.status}` }, LABEL[res.status] ?? res.status),
      ` · risk ${Math.round(res.risk * 100)}% · checked ${formatDateTime(latest.checkedAt)} in `, h('a', { href: `/check.html?batch=${encodeURIComponent(latest.batchId)}` }, latest.batchName)),
    res.findings.length
      ? h('ul', { class: 'findings' }, res.findings.map((f) => h('li', { 'data-rule': f.rule }, h('strong', {}, f.rule), `: ${f.evidence} Fix: ${f.fix}`)))
      : h('p', { class: 'muted' }, 'It found nothing to fix.'));
}

show();

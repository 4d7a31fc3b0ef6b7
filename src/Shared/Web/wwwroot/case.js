import { api, ACTIONS, CATEGORIES, enumName } from './api.js';
import { me, can, refusal } from './access.js';
import { h, fill, money, words, daysBadge, formatDate, formatDateTime, statusBadge, say, param, facts, table } from './ui.js';

const root = document.getElementById('case');
const message = document.getElementById('message');
const id = param('id');

async function codeBook(claim) {
  const adjustments = [...(claim?.adjustments ?? []), ...(claim?.lines ?? []).flatMap((l) => l.adjustments ?? [])];
  const remarks = [...(claim?.remarks ?? []), ...(claim?.lines ?? []).flatMap((l) => l.remarks ?? [])];
  const q = new URLSearchParams();
  q.set('group', [...new Set(adjustments.map((a) => a.group))].join(','));
  q.set('carc', [...new Set(adjustments.map((a) => a.reason))].join(','));
  q.set('rarc', [...new Set(remarks)].join(','));
  const r = await api(`/api/codes?${q}`);
  const book = new Map();
  if (r.ok) for (const c of r.data) book.set(`${c.kind}:${c.code}`, c);
  return { book, adjustments, remarks };
}

function explainAdjustment(a, where, book) {
  const carc = book.get(`carc:${a.reason}`);
  const group = book.get(`group:${a.group}`);
  return h('li', { class: 'reason' },
    h('div', {}, h('span', { class: 'code' }, `${a.group}-${a.reason}`), ' · ', money(a.amount), ' · ', h('span', { class: 'muted' }, where)),
    h('div', {}, carc ? carc.text : 'No explanation on file for this code.'),
    carc?.officialText ? h('div', { class: 'muted' }, 'Code list wording: “', carc.officialText, '”') : null,
    group ? h('div', { class: 'muted' }, `${a.group}: ${group.text}`) : null);
}

function explainRemark(code, book) {
  const r = book.get(`rarc:${code}`);
  return h('li', {},
    h('div', {}, h('span', { class: 'code' }, code)),
    h('div', {}, r ? r.text : 'No explanation on file for this remark code.'),
    r?.officialText ? h('div', { class: 'muted' }, 'Code list wording: “', r.officialText, '”') : null);
}

function researchSection(research, c) {
  if (!research) return h('p', { class: 'muted' }, 'Research has not run on this case yet.');
  const parts = [];
  const action = enumName(research.action, ACTIONS) ?? c.action;
  const category = enumName(research.category, CATEGORIES) ?? c.category;
  parts.push(facts([
    ['Recommended action', h('strong', {}, words(action))],
    ['Category', words(category)],
    ['Why', research.summary ?? c.summary ?? '—'],
    ['Deadline', research.deadline
      ? h('span', {}, formatDate(research.deadline.date), ' · ', daysBadge(research.deadline.date))
      : c.deadline ? h('span', {}, formatDate(c.deadline), ' · ', daysBadge(c.deadline)) : 'No deadline on file'],
    research.deadline ? ['Deadline rule', `${research.deadline.rule ?? ''}${research.deadline.explanation ? ` — ${research.deadline.explanation}` : ''}`] : [ 'Deadline rule', undefined ],
    research.priority ? ['Priority', `${Number(research.priority.score ?? 0).toFixed(2)} — ${research.priority.explanation ?? ''}`] : ['Priority', String(c.priority ?? '—')],
  ]));
  const evidence = research.evidence ?? [];
  parts.push(h('h3', {}, 'Evidence'));
  parts.push(evidence.length
    ? h('ul', { class: 'plain evidence' }, evidence.map((e) => h('li', {},
        h('span', { class: e.found ? 'found' : 'notfound' }, e.found ? '✓ Found' : '✗ Not found'), ' · ', h('strong', {}, e.check ?? ''),
        h('div', {}, e.conclusion ?? ''))))
    : h('p', { class: 'muted' }, 'The research recorded no evidence checks.'));
  if (research.findings?.length) {
    parts.push(h('h3', {}, 'Findings'));
    parts.push(h('ul', { class: 'plain' }, research.findings.map((f) => h('li', {}, h('span', { class: 'code' }, f.code), ' · ', money(f.amount), ' — ', f.plain))));
  }
  if (research.corrections?.length) {
    parts.push(h('h3', {}, 'Corrections to make'));
    parts.push(h('ul', {}, research.corrections.map((t) => h('li', {}, t))));
  }
  if (research.enclosures?.length) {
    parts.push(h('h3', {}, 'Enclose'));
    parts.push(h('ul', {}, research.enclosures.map((t) => h('li', {}, t))));
  }
  if (research.lines?.length) {
    parts.push(h('h3', {}, 'Decision per line and reason'));
    parts.push(table('Line decisions', ['Line', 'Code', 'Amount', 'Action', 'Conclusion'], research.lines.map((l) => [
      l.lineIndex === null || l.lineIndex === undefined ? 'Claim' : `${l.lineIndex + 1}${l.procedure ? ` (${l.procedure})` : ''}`,
      `${l.group}-${l.reason}`, money(l.amount), words(enumName(l.action, ACTIONS)), l.conclusion ?? '']), { className: 'stack', hideCaption: true }));
  }
  return parts;
}

// The actions research drafts a letter for (ResearchHandler.NeedsLetter): a case researched to another waits for nobody.
const LETTER_ACTIONS = ['Appeal', 'CorrectedClaim', 'ProviderQuery', 'RequestRetroAuthorization', 'RequestReopening'];

// A letter Approved and not sent, or Failed: the case failed in delivery, which its letter page retries (CaseRetryHandler).
const inDelivery = (letters) => letters.some((l) => ['Approved', 'Failed'].includes(l.status));

// POST /api/cases/{id}/retry is allowed to Coder and Admin (ApiPolicy.Work): research and drafting again for a case
// that failed in them. A case whose letter was approved failed in delivery: its letter page retries that.
async function retry(button) {
  button.disabled = true;
  say(message, 'Researching the case again…', 'info');
  const r = await api(`/api/cases/${encodeURIComponent(id)}/retry`, { method: 'POST' });
  if (!r.ok) {
    button.disabled = false;
    say(message, `The case could not be retried. ${refusal(r, await me, 'work') ?? r.message}`, 'error');
    return;
  }
  say(message, 'Queued: the case is researched and drafted again…', 'ok');
  // Shown again as it moves, until research and drafting are done (or a minute has passed).
  for (let i = 0; i < 30; i++) {
    await new Promise((resolve) => { setTimeout(resolve, 2000); });
    const now = await load();
    if (!now) return; // the case could not be read: load says so
    if (now.status === 'Failed') { say(message, 'The case failed again: see why below.', 'error'); return; }
    if (now.status !== 'New' && (now.status !== 'Researched' || !LETTER_ACTIONS.includes(now.action))) {
      say(message, `Done: the case is ${words(now.status)}.`, 'ok');
      document.querySelector('#case h1')?.focus();
      return;
    }
  }
  say(message, 'Still being researched or drafted; reload the page in a while.', 'warn');
}

async function load() {
  if (!id) { say(message, 'No case was named in the address.', 'error'); fill(root); return; }
  const r = await api(`/api/cases/${encodeURIComponent(id)}`);
  if (!r.ok) {
    say(message, r.status === 404 ? 'This case does not exist.' : refusal(r, await me, 'read') ?? `The case could not be loaded. ${r.message}`, 'error');
    fill(root);
    return;
  }
  const { case: c, claim, research, letters = [], history = [] } = r.data;
  document.title = `Case ${c.patientControlNumber} · Denial resolution`;
  const { book, adjustments } = await codeBook(claim);

  const header = h('div', {},
    h('h1', { tabindex: '-1' }, `Case ${c.patientControlNumber} `, statusBadge(c.status)),
    h('div', { class: 'kpis' },
      h('div', { class: 'kpi' }, h('div', { class: 'label' }, 'Denied'), h('div', { class: 'value' }, money(c.denied))),
      h('div', { class: 'kpi' }, h('div', { class: 'label' }, 'Charged'), h('div', { class: 'value' }, money(c.charge))),
      h('div', { class: 'kpi' }, h('div', { class: 'label' }, 'Paid'), h('div', { class: 'value' }, money(c.paid))),
      h('div', { class: 'kpi' }, h('div', { class: 'label' }, 'Days left'), h('div', { class: 'value' }, daysBadge(c.deadline)))));

  const notice = c.status === 'Unmatched'
    ? h('p', { class: 'message warn', id: 'unmatched-reason' }, `Unmatched: ${(c.unmatchedReason ?? 'no submitted claim on file').replace(/[.\s]+$/, '')}. Import the submitted claim (records) and the case is researched again.`)
    : c.status === 'Failed' ? h('p', { class: 'message error' }, `Failed: ${(c.failureReason ?? 'no reason recorded').replace(/[.\s]+$/, '')}. `,
      can(await me, 'work') && !inDelivery(letters)
        ? h('button', { type: 'button', id: 'retry-case', onclick: (e) => retry(e.currentTarget) }, 'Retry research and drafting') : null) : null;
  const recommended = h('section', { class: 'card', 'aria-labelledby': 'rec-h' }, h('h2', { id: 'rec-h' }, 'What to do'), notice, researchSection(research, c));

  const reasons = h('section', { class: 'card', 'aria-labelledby': 'why-h' }, h('h2', { id: 'why-h' }, 'Why the payer denied it'),
    claim ? [
      h('ul', { class: 'plain reasons' }, [
        ...(claim.adjustments ?? []).map((a) => explainAdjustment(a, 'whole claim', book)),
        ...(claim.lines ?? []).flatMap((l, i) => (l.adjustments ?? []).map((a) => explainAdjustment(a, `line ${i + 1} (${l.procedure})`, book))),
      ]),
      (claim.remarks?.length || claim.lines?.some((l) => l.remarks?.length)) ? [
        h('h3', {}, 'Remark codes'),
        h('ul', { class: 'plain remarks' }, [...new Set([...(claim.remarks ?? []), ...(claim.lines ?? []).flatMap((l) => l.remarks ?? [])])].map((code) => explainRemark(code, book))),
      ] : null,
      adjustments.length ? null : h('p', { class: 'muted' }, 'The remittance carried no adjustment codes.'),
    ] : h('p', { class: 'muted' }, 'The claim details could not be read.'));

  const claimSection = h('section', { class: 'card', 'aria-labelledby': 'claim-h' }, h('h2', { id: 'claim-h' }, 'The claim'),
    facts([
      ['Payer', `${c.payerName} (${c.payerId})`],
      ['Patient account', c.patientControlNumber],
      ['Payer claim number', c.payerClaimNumber ?? '—'],
      ['Patient', claim?.patientName ?? '—'],
      ['Member id', claim?.insuredId ?? claim?.patientId ?? '—'],
      ['Service dates', claim ? `${formatDate(claim.serviceDateStart)}${claim.serviceDateEnd && claim.serviceDateEnd !== claim.serviceDateStart ? ` – ${formatDate(claim.serviceDateEnd)}` : ''}` : '—'],
      ['Claim status code', claim?.status ?? '—'],
      ['Patient responsibility', money(claim?.patientResponsibility)],
      ['Reason codes', c.reasonCodes || '—'],
      ['Received', formatDateTime(c.createdAt)],
      ['Assigned to', c.assignedTo ?? 'nobody'],
    ]),
    h('h3', {}, 'Service lines'),
    h('div', {}, table('Each line as the payer adjudicated it', ['Line', 'Procedure', 'Date', 'Units', 'Charged', 'Allowed', 'Paid', 'Adjustments', 'Remarks'],
      (claim?.lines ?? []).map((l, i) => [String(i + 1), [l.procedure, ...(l.modifiers ?? [])].join('-'), formatDate(l.serviceDate), l.units ?? '—',
        money(l.charge), money(l.allowed), money(l.paid), (l.adjustments ?? []).map((a) => `${a.group}-${a.reason} ${money(a.amount)}`).join(', ') || '—',
        (l.remarks ?? []).join(', ') || '—']), { empty: 'No service lines.', className: 'stack', hideCaption: true })));

  const lettersSection = h('section', { class: 'card', 'aria-labelledby': 'letters-h' }, h('h2', { id: 'letters-h' }, 'Letters'),
    letters.length
      ? h('ul', { class: 'plain letters' }, letters.map((l) => h('li', {},
          h('div', {}, h('a', { href: `/letter.html?id=${encodeURIComponent(l.id)}`, class: 'letter-link' }, `${words(l.type)} to ${l.recipientName}`), ' ', statusBadge(l.status)),
          h('div', { class: 'muted' }, `Version ${l.version} · updated ${formatDateTime(l.updatedAt)}`))))
      : h('p', { class: 'muted' }, 'No letters yet.'));

  const historySection = h('section', { class: 'card', 'aria-labelledby': 'history-h' }, h('h2', { id: 'history-h' }, 'History'),
    history.length
      ? h('ol', { class: 'plain history' }, history.map((e) => h('li', {},
          h('div', {}, h('strong', {}, words(e.event)), ' · ', e.fromStatus ? `${words(e.fromStatus)} → ${words(e.toStatus)}` : words(e.toStatus)),
          h('div', { class: 'muted' }, `${formatDateTime(e.at)} · ${e.actor}`),
          e.detail ? h('div', {}, e.detail) : null)))
      : h('p', { class: 'muted' }, 'No history yet.'));

  fill(root, header, h('div', { class: 'cols' }, h('div', {}, recommended, reasons, claimSection), h('div', {}, lettersSection, historySection)));
  return { status: c.status, action: c.action };
}

load();

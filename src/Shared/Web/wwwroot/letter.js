import { api, ACTIONS, enumName } from './api.js';
import { h, fill, money, words, daysBadge, formatDate, formatDateTime, statusBadge, say, param, facts } from './ui.js';

const root = document.getElementById('letter');
const message = document.getElementById('message');
const back = document.getElementById('back');
const id = param('id');

// The state the coder is looking at: the ETag goes back as If-Match, so a stale action gets 412, never a silent overwrite.
let state = { letter: null, html: '', missing: [], etag: null, caseDetail: null };

const FINAL = ['Sent', 'Submitted', 'Failed', 'Rejected'];

function conflict(r) {
  const now = r.data?.current;
  const who = now?.approvedBy ? ` by ${now.approvedBy.replace(/^user:/, '')}` : '';
  say(message, `Another coder changed this letter first${now ? ` (it is now ${words(now.status)}${who})` : ''}. ` +
    'Nothing was changed by you. Reload to see the latest version before you act.', 'warn');
  const reload = h('button', { type: 'button', class: 'secondary', id: 'reload', onclick: () => load() }, 'Reload the letter');
  message.append(' ', reload);
  reload.focus();
}

function failed(r, what) {
  if (r.status === 412) return conflict(r);
  say(message, `${what} did not work. ${r.message}`, 'error');
}

async function approve(button) {
  button.disabled = true;
  const r = await api(`/api/letters/${encodeURIComponent(id)}/approve`, { method: 'POST', etag: state.etag });
  if (!r.ok) { button.disabled = false; return failed(r, 'Approving'); }
  state.etag = r.etag ?? r.data?.eTag ?? state.etag;
  say(message, 'Approved. Sending the letter…', 'ok');
  await render({ ...state, letter: r.data });
  watchDelivery();
}

async function watchDelivery() {
  for (let i = 0; i < 60; i++) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const r = await api(`/api/letters/${encodeURIComponent(id)}`);
    if (!r.ok) continue;
    if (FINAL.includes(r.data.letter.status) || r.data.letter.status !== 'Approved') {
      await load({ keepMessage: true });
      const l = r.data.letter;
      if (l.status === 'Sent') say(message, `Sent to ${l.recipientName}${l.sentAt ? ` on ${formatDateTime(l.sentAt)}` : ''}.`, 'ok');
      else if (l.status === 'Failed') say(message, `Sending failed: ${l.failureReason ?? 'no reason given'}.`, 'error');
      return;
    }
  }
  say(message, 'Approved. The letter is queued for sending; reload later to see it sent.', 'info');
}

async function reject(form) {
  const reason = form.elements.reason.value.trim();
  if (!reason) {
    say(message, 'Write a reason before you reject the letter.', 'error');
    form.elements.reason.focus();
    return;
  }
  const r = await api(`/api/letters/${encodeURIComponent(id)}/reject`, { method: 'POST', json: { reason }, etag: state.etag });
  if (!r.ok) return failed(r, 'Rejecting');
  say(message, 'Rejected. The case goes back for rework.', 'ok');
  await load({ keepMessage: true });
}

function caseFacts(detail) {
  if (!detail) return h('p', { class: 'muted' }, 'The case could not be loaded.');
  const c = detail.case;
  const research = detail.research ?? {};
  return [
    facts([
      ['Case', h('a', { href: `/case.html?id=${encodeURIComponent(c.id)}` }, c.patientControlNumber)],
      ['Payer', c.payerName],
      ['Payer claim number', c.payerClaimNumber ?? '—'],
      ['Patient', detail.claim?.patientName ?? '—'],
      ['Denied', money(c.denied)],
      ['Reason codes', c.reasonCodes || '—'],
      ['Action', words(enumName(research.action, ACTIONS) ?? c.action)],
      ['Why', c.summary ?? '—'],
      ['Deadline', c.deadline ? h('span', {}, formatDate(c.deadline), ' · ', daysBadge(c.deadline)) : '—'],
    ]),
  ];
}

function render(next) {
  state = next;
  const l = state.letter;
  document.title = `${words(l.type)} letter · Denial resolution`;
  fill(back, h('a', { href: `/case.html?id=${encodeURIComponent(l.caseId)}` }, '← Back to the case'));
  const pending = l.status === 'PendingApproval';

  const preview = h('iframe', { class: 'letter', title: 'The letter as it will be sent', sandbox: '', referrerpolicy: 'no-referrer' });
  preview.srcdoc = state.html ?? '';

  const actions = h('div', { class: 'actions' },
    h('button', { type: 'button', id: 'approve', disabled: !pending, onclick: (e) => approve(e.currentTarget) }, 'Approve and send'),
    h('a', { class: 'button secondary', id: 'pdf', href: `/api/letters/${encodeURIComponent(l.id)}/pdf`, download: `${l.type}-${l.id}.pdf` }, 'Download PDF'));

  const rejectForm = h('form', { id: 'reject', onsubmit: (e) => { e.preventDefault(); reject(e.currentTarget); } },
    h('label', { for: 'reason' }, 'Reason for rejecting'),
    h('textarea', { id: 'reason', name: 'reason', disabled: !pending, 'aria-describedby': 'reason-help' }),
    h('p', { id: 'reason-help', class: 'muted' }, 'The case goes back to research with this reason.'),
    h('button', { type: 'submit', class: 'danger', disabled: !pending }, 'Reject'));

  const missing = state.missing ?? [];
  fill(root,
    h('h1', {}, `${words(l.type)} to ${l.recipientName} `, statusBadge(l.status)),
    h('div', { class: 'cols' },
      h('section', { class: 'card', 'aria-labelledby': 'preview-h' }, h('h2', { id: 'preview-h' }, `Letter, version ${l.version}`), preview),
      h('div', {},
        h('section', { class: 'card', 'aria-labelledby': 'act-h' }, h('h2', { id: 'act-h' }, 'Review'),
          facts([
            ['Status', statusBadge(l.status)],
            ['Version', String(l.version)],
            ['Updated', formatDateTime(l.updatedAt)],
            l.approvedBy ? ['Approved by', l.approvedBy.replace(/^user:/, '')] : ['Approved by', undefined],
            l.sentAt ? ['Sent', formatDateTime(l.sentAt)] : ['Sent', undefined],
            l.rejectReason ? ['Reject reason', l.rejectReason] : ['Reject reason', undefined],
            l.failureReason ? ['Failure', l.failureReason] : ['Failure', undefined],
          ]),
          h('h3', {}, 'Missing fields'),
          missing.length
            ? h('ul', { id: 'missing' }, missing.map((m) => h('li', {}, m)))
            : h('p', { id: 'missing', class: 'muted' }, 'None: every field the letter needs was found.'),
          actions, h('hr'), rejectForm),
        h('section', { class: 'card', 'aria-labelledby': 'facts-h' }, h('h2', { id: 'facts-h' }, 'Case facts'), caseFacts(state.caseDetail)))));
}

async function load({ keepMessage = false } = {}) {
  if (!id) { say(message, 'No letter was named in the address.', 'error'); fill(root); return; }
  const r = await api(`/api/letters/${encodeURIComponent(id)}`);
  if (!r.ok) {
    say(message, r.status === 404 ? 'This letter does not exist.' : `The letter could not be loaded. ${r.message}`, 'error');
    fill(root);
    return;
  }
  if (!keepMessage) say(message, '');
  const { letter, html, missingFields } = r.data;
  const c = await api(`/api/cases/${encodeURIComponent(letter.caseId)}`);
  render({ letter, html, missing: missingFields, etag: r.etag ?? letter.eTag, caseDetail: c.ok ? c.data : null });
}

load();

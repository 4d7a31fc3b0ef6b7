import { api, ACTIONS, enumName } from './api.js';
import { me, can, refusal, RULES } from './access.js';
import { h, fill, money, words, daysBadge, formatDate, formatDateTime, statusBadge, say, param, facts } from './ui.js';

const root = document.getElementById('letter');
const message = document.getElementById('message');
const back = document.getElementById('back');
const id = param('id');

// The state the coder is looking at: the ETag goes back as If-Match, so a stale action gets 412, never a silent overwrite.
let state = { letter: null, html: '', missing: [], etag: null, caseDetail: null, versions: null, viewing: null, mayWork: true };

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

async function failed(r, what) {
  if (r.status === 412) return conflict(r);
  const refused = refusal(r, await me, 'work');
  say(message, refused ? `${what} did not work. ${refused}` : `${what} did not work. ${r.message}`, 'error');
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
  say(message, 'Rejected. The case goes back to research, and a new draft will be written with your reason on record.', 'ok');
  await load({ keepMessage: true });
}

async function save(body, what) {
  const r = await api(`/api/letters/${encodeURIComponent(id)}`, { method: 'PUT', json: body, etag: state.etag });
  if (!r.ok) return failed(r, what);
  await load({ keepMessage: true });
  say(message, `Saved: the letter is now version ${r.data?.version ?? state.letter.version}.`, 'ok');
}

async function markSubmitted(form) {
  const body = { channel: form.elements.channel.value, reference: form.elements.reference.value.trim(), date: form.elements.date.value };
  if (!body.reference) { say(message, 'Give the confirmation or tracking number the portal, fax or mail gave you.', 'error'); form.elements.reference.focus(); return; }
  const r = await api(`/api/letters/${encodeURIComponent(id)}/submitted`, { method: 'POST', json: body, etag: state.etag });
  if (!r.ok) return failed(r, 'Marking the letter submitted');
  await load({ keepMessage: true });
  say(message, `Marked submitted by ${words(body.channel).toLowerCase()} (${body.reference}).`, 'ok');
}

async function viewVersion(n) {
  const r = await api(`/api/letters/${encodeURIComponent(id)}/versions/${n}`);
  if (!r.ok) return failed(r, `Opening version ${n}`);
  render({ ...state, viewing: r.data });
  document.getElementById('preview-h')?.focus();
}

function editSection(l) {
  if (state.versions === null) return null; // this server cannot edit letters
  // Only roles that may write letters (Coder, Admin) get the forms; everyone who can read sees the versions.
  const pending = l.status === 'PendingApproval' && state.mayWork;
  const missing = state.missing ?? [];
  const parts = [];
  if (pending && missing.length) {
    parts.push(h('form', { id: 'fields', onsubmit: (e) => {
      e.preventDefault();
      const fields = {};
      for (const input of e.currentTarget.querySelectorAll('input[data-field]')) if (input.value.trim()) fields[input.dataset.field] = input.value.trim();
      if (!Object.keys(fields).length) { say(message, 'Type at least one missing value first.', 'error'); return; }
      save({ fields }, 'Saving the fields');
    } },
    h('h3', {}, 'Fill the missing fields'),
    missing.map((f, i) => h('p', {}, h('label', { for: `field-${i}` }, f.label), h('input', { type: 'text', id: `field-${i}`, 'data-field': f.path, autocomplete: 'off' }))),
    h('button', { type: 'submit' }, 'Save the fields')));
  }
  if (pending) {
    const source = h('textarea', { id: 'html', name: 'html', class: 'letter-edit', 'aria-describedby': 'html-help' });
    source.value = state.html ?? '';
    parts.push(h('details', { id: 'edit' },
      h('summary', {}, 'Edit the letter text'),
      h('form', { onsubmit: (e) => { e.preventDefault(); save({ html: source.value }, 'Saving the letter'); } },
        h('label', { for: 'html' }, 'Letter (HTML)'),
        source,
        h('p', { id: 'html-help', class: 'muted' }, 'Saved as a new version; the server removes anything that is not plain letter markup.'),
        h('button', { type: 'submit', id: 'save' }, 'Save as a new version'))));
  }
  if (state.mayWork && (l.status === 'Approved' || l.status === 'Sent')) {
    const today = new Date().toISOString().slice(0, 10);
    parts.push(h('form', { id: 'submitted', onsubmit: (e) => { e.preventDefault(); markSubmitted(e.currentTarget); } },
      h('h3', {}, 'Mark submitted'),
      h('p', { class: 'muted' }, 'When the letter went to the payer by its portal, by fax or by mail.'),
      h('p', {}, h('label', { for: 'channel' }, 'How'), h('select', { id: 'channel', name: 'channel' },
        h('option', { value: 'portal' }, 'Payer portal'), h('option', { value: 'fax' }, 'Fax'), h('option', { value: 'mail' }, 'Mail'))),
      h('p', {}, h('label', { for: 'reference' }, 'Confirmation or tracking number'), h('input', { type: 'text', id: 'reference', name: 'reference', autocomplete: 'off' })),
      h('p', {}, h('label', { for: 'date' }, 'Date'), h('input', { type: 'date', id: 'date', name: 'date', value: today })),
      h('button', { type: 'submit' }, 'Mark submitted')));
  }
  const versions = state.versions ?? [];
  if (versions.length) {
    parts.push(h('h3', {}, 'Versions'), h('ol', { class: 'plain versions' }, versions.map((v) => h('li', {},
      h('button', { type: 'button', class: 'secondary', onclick: () => (v.current ? render({ ...state, viewing: null }) : viewVersion(v.version)) },
        `Version ${v.version}${v.current ? ' (current)' : ''}`),
      ' ', h('span', { class: 'muted' }, `${formatDateTime(v.at)}${v.editedBy ? ` · ${v.editedBy.replace(/^user:/, '')}` : ' · drafted'}`)))));
  }
  return parts.length ? h('section', { class: 'card', 'aria-labelledby': 'edit-h' }, h('h2', { id: 'edit-h' }, 'Edit and versions'), parts) : null;
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

// Approving, saving, rejecting or reloading redraws the page: the control that had the focus is gone. Keyboard and screen
// reader users would start again from the top of the page; the focus goes to the letter's heading instead.
let rendered = false;
const focusLost = () => rendered && (document.activeElement === document.body || root.contains(document.activeElement) || message.contains(document.activeElement));

function render(next) {
  const refocus = focusLost();
  state = next;
  const l = state.letter;
  document.title = `${words(l.type)} letter · Denial resolution`;
  fill(back, h('a', { href: `/case.html?id=${encodeURIComponent(l.caseId)}` }, '← Back to the case'));
  const pending = l.status === 'PendingApproval';

  const viewing = state.viewing && !state.viewing.current ? state.viewing : null;
  const preview = h('iframe', { class: 'letter', title: viewing ? `Version ${viewing.version} of the letter` : 'The letter as it will be sent', sandbox: '', referrerpolicy: 'no-referrer' });
  preview.srcdoc = (viewing ? viewing.html : state.html) ?? '';

  // A role that may not approve or reject (a manager reads everything but does not change letters) gets no buttons
  // that the server would refuse, and is told why.
  const mayWork = state.mayWork;
  const actions = h('div', { class: 'actions' },
    mayWork ? h('button', { type: 'button', id: 'approve', disabled: !pending, onclick: (e) => approve(e.currentTarget) }, 'Approve and send') : null,
    h('a', { class: 'button secondary', id: 'pdf', href: `/api/letters/${encodeURIComponent(l.id)}/pdf`, download: `${l.type}-${l.id}.pdf` }, 'Download PDF'));

  const rejectForm = mayWork ? h('form', { id: 'reject', onsubmit: (e) => { e.preventDefault(); reject(e.currentTarget); } },
    h('label', { for: 'reason' }, 'Reason for rejecting'),
    h('textarea', { id: 'reason', name: 'reason', disabled: !pending, 'aria-describedby': 'reason-help' }),
    h('p', { id: 'reason-help', class: 'muted' }, 'The case goes back to research with this reason.'),
    h('button', { type: 'submit', class: 'danger', disabled: !pending }, 'Reject'))
    : h('p', { id: 'read-only', class: 'message info' },
      `You can read this letter and download it. Approving, rejecting and editing it need the ${RULES.work.join(' or ')} role.`);

  const missing = state.missing ?? [];
  fill(root,
    h('h1', { tabindex: '-1' }, `${words(l.type)} to ${l.recipientName} `, statusBadge(l.status)),
    h('div', { class: 'cols' },
      h('section', { class: 'card', 'aria-labelledby': 'preview-h' },
        h('h2', { id: 'preview-h', tabindex: '-1' }, viewing ? `Version ${viewing.version} (an earlier version)` : `Letter, version ${l.version}`),
        viewing ? h('p', {}, h('button', { type: 'button', class: 'secondary', onclick: () => render({ ...state, viewing: null }) }, 'Back to the current version')) : null,
        preview),
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
            ? h('ul', { id: 'missing' }, missing.map((f) => h('li', { 'data-field': f.path }, f.label)))
            : h('p', { id: 'missing', class: 'muted' }, 'None: every field the letter needs was found.'),
          actions, h('hr'), rejectForm),
        editSection(l),
        h('section', { class: 'card', 'aria-labelledby': 'facts-h' }, h('h2', { id: 'facts-h' }, 'Case facts'), caseFacts(state.caseDetail)))));
  if (refocus) root.querySelector('h1').focus();
  rendered = true;
}

// The API sends each missing field as { path, label } (MissingField): the label is what the coder reads, the path is the
// key of the letter's needs-input marker (data-field) and of the "fields" an edit sends back. One entry per path.
function missingFieldsOf(list) {
  const seen = new Set();
  const fields = [];
  for (const f of list ?? []) {
    const path = typeof f === 'string' ? f : f?.path;
    if (!path || seen.has(path)) continue;
    seen.add(path);
    fields.push({ path, label: (typeof f === 'object' && f.label) || path });
  }
  return fields;
}

async function load({ keepMessage = false } = {}) {
  if (!id) { say(message, 'No letter was named in the address.', 'error'); fill(root); return; }
  const r = await api(`/api/letters/${encodeURIComponent(id)}`);
  if (!r.ok) {
    say(message, r.status === 404 ? 'This letter does not exist.' : refusal(r, await me, 'read') ?? `The letter could not be loaded. ${r.message}`, 'error');
    fill(root);
    return;
  }
  if (!keepMessage) say(message, '');
  const { letter, html, missingFields } = r.data;
  const [c, v, user] = await Promise.all([api(`/api/cases/${encodeURIComponent(letter.caseId)}`), api(`/api/letters/${encodeURIComponent(id)}/versions`), me]);
  // No versions endpoint (404): this server has no letter editing; the page offers approve and reject only.
  render({ letter, html, missing: missingFieldsOf(missingFields), etag: r.etag ?? letter.eTag, caseDetail: c.ok ? c.data : null, versions: v.ok ? v.data : null, viewing: null, mayWork: can(user, 'work') });
}

load();

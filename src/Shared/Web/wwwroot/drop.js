import { api } from './api.js';
import { me, can, noAccess, refusal } from './access.js';
import { h, fill, say, statusBadge, formatDateTime, table, param } from './ui.js';

const form = document.getElementById('upload');
const input = document.getElementById('file');
const zone = document.getElementById('zone');
const message = document.getElementById('message');
const progress = document.getElementById('progress');
const filesEl = document.getElementById('files');
const statusFilter = document.getElementById('file-status');

// POST /api/files/{id}/retry is allowed to Coder and Admin (ApiPolicy.Work); others see failed files without the button.
const canRetry = me.then((user) => user.signedIn && can(user, 'work'));

// Quarantined is an end state too: nothing more happens until an Admin releases or discards the held transactions.
const DONE = ['Processed', 'ProcessedWithErrors', 'Failed', 'Quarantined'];

// POST /api/files/{id}/release and /discard are Admin only (issue 18); others see what is held and why.
const canDecide = me.then((user) => user.signedIn && can(user, 'quarantine'));

// Where the file is: its blob name in drops, or container/name for a file from an SFTP payer's own container.
const fileLabel = (f) => (!f.container || f.container === 'drops' ? f.blobName : `${f.container}/${f.blobName}`);

// Where a problem is: a segment of an 835, or a row (and column) of a CSV report, as a spreadsheet numbers them.
const where = (i) => (i.row != null ? `row ${i.row}${i.column ? `, column ${i.column}` : ''}` : `segment ${i.segmentIndex}`);

// The transactions held because they name a payer or sender id the uploader may not send as, and the Admins' decisions.
function quarantineReport(f, decide) {
  const q = f.quarantine;
  if (!q) return null;
  const decided = new Set([...(q.released ?? []), ...(q.discarded ?? [])]);
  const pending = (q.transactions ?? []).filter((t) => !decided.has(t.ordinal));
  return h('section', { class: 'stack quarantine', 'aria-labelledby': `q-${f.id}` },
    h('h3', { id: `q-${f.id}` }, 'Held transactions'),
    pending.length ? h('p', { class: 'message warn' }, `${pending.length} transaction(s) name a payer this sender may not send as. `
      + 'Nothing in them opened or closed a case; an Admin releases them (they are processed) or discards them, with a reason.') : null,
    table('Held transactions', ['Transaction', 'Segment', 'Ids not allowed', 'Claims', 'Decision'], (q.transactions ?? []).map((t) => [
      t.controlNumber, String(t.segmentIndex), (t.unexpectedIds ?? []).join(', '), String(t.claims),
      (q.released ?? []).includes(t.ordinal) ? 'Released' : (q.discarded ?? []).includes(t.ordinal) ? 'Discarded' : 'Waiting']), { className: 'stack' }),
    (q.decisions ?? []).length ? table('Decisions', ['When', 'Action', 'By', 'Reason'], q.decisions.map((d) => [
      formatDateTime(d.at), d.action, `${d.actor} (${d.role})`, d.reason]), { className: 'stack' }) : null,
    pending.length && decide ? decisionForm(f) : null);
}

function decisionForm(f) {
  const reason = h('textarea', { id: `q-reason-${f.id}`, rows: 2, required: true });
  const act = async (action, button) => {
    if (!reason.value.trim()) { say(message, 'Give a reason for the decision (it is kept on the file).', 'error'); reason.focus(); return; }
    button.disabled = true;
    const r = await api(`/api/files/${encodeURIComponent(f.id)}/${action}`, { method: 'POST', json: { reason: reason.value.trim() } });
    button.disabled = false;
    if (!r.ok) { say(message, `The decision was not saved. ${refusal(r, await me, 'quarantine') ?? r.message}`, 'error'); return; }
    say(message, action === 'release' ? `Released: ${fileLabel(f)} is processed again…` : `Discarded: the held transactions of ${fileLabel(f)} open and close nothing.`, 'info');
    loadFiles();
    watch(f.id);
  };
  return h('form', { class: 'stack', onsubmit: (e) => e.preventDefault() },
    h('label', { for: reason.id }, 'Reason for the decision'), reason,
    h('p', { class: 'actions' },
      h('button', { type: 'button', onclick: (e) => act('release', e.currentTarget) }, 'Release held transactions'),
      h('button', { type: 'button', class: 'secondary', onclick: (e) => act('discard', e.currentTarget) }, 'Discard held transactions')));
}

function fileReport(f, decide) {
  const done = DONE.includes(f.status);
  const issues = f.issues ?? [];
  return [
    h('p', {}, h('strong', {}, fileLabel(f)), ' ', statusBadge(f.status)),
    done ? null : h('progress', { 'aria-label': 'Processing' }),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Claims read'), h('dd', { id: 'claims-read' }, String(f.claimsRead)),
      h('dt', {}, 'Denied claims'), h('dd', {}, String(f.deniedClaims)),
      h('dt', {}, 'Cases opened'), h('dd', { id: 'cases-created' }, String(f.casesCreated)),
      h('dt', {}, 'Warnings'), h('dd', {}, String(f.warningCount)),
      h('dt', {}, 'Errors'), h('dd', {}, String(f.errorCount)),
      f.csvMapping ? [h('dt', {}, 'Read as'), h('dd', { id: 'csv-mapping' }, `CSV report, mapping “${f.csvMapping}”`)] : null),
    f.failureReason ? h('p', { class: 'message error' }, f.failureReason) : null,
    issues.length ? table('Problems in the file', ['Severity', issues.some((i) => i.row != null) ? 'Row' : 'Segment', 'Claim', 'Problem'], issues.map((i) => [
      i.severity, where(i), i.claim || '—', i.message]), { className: 'stack issues' }) : null,
    quarantineReport(f, decide),
  ];
}

async function watch(fileId) {
  for (let i = 0; i < 300; i++) {
    const r = await api(`/api/files/${encodeURIComponent(fileId)}`);
    if (r.ok) {
      fill(progress, fileReport(r.data, await canDecide));
      if (DONE.includes(r.data.status)) {
        const f = r.data;
        say(message, f.status === 'Processed' ? `Done: ${f.casesCreated} cases opened from ${f.claimsRead} claims.`
          : f.status === 'Quarantined' ? `Held: some transactions name a payer this sender may not send as; nothing was opened or closed. An Admin decides (below).`
          : f.status === 'ProcessedWithErrors' ? `Done with errors: ${f.errorCount} problems (see the ${f.csvMapping ? 'row' : 'segment'} numbers below); the valid claims were processed.`
          : `The file could not be processed: ${f.failureReason ?? 'see the problems below'}.`, f.status === 'Processed' ? 'ok' : 'warn');
        loadFiles();
        return;
      }
    } else if (r.status !== 404) {
      say(message, `Progress could not be read. ${r.message}`, 'error');
    }
    await new Promise((resolve) => setTimeout(resolve, i < 30 ? 500 : 2000));
  }
  say(message, 'The file is still being processed; check the list below later.', 'info');
}

async function upload(file) {
  if (!file) { say(message, 'Choose a file first.', 'error'); input.focus(); return; }
  const send = document.getElementById('send');
  send.disabled = true;
  say(message, `Uploading ${file.name}…`, 'info');
  fill(progress, h('progress', { 'aria-label': 'Uploading' }));
  const r = await api(`/api/files?name=${encodeURIComponent(file.name)}`, { method: 'POST', body: file, headers: { 'Content-Type': 'application/octet-stream' } });
  send.disabled = false;
  if (!r.ok) { fill(progress); say(message, `The upload failed. ${refusal(r, await me, 'upload') ?? r.message}`, 'error'); return; }
  say(message, r.data.alreadyThere ? 'This exact file was dropped before; processing it again (no duplicate cases are made).' : 'Uploaded. Processing…', 'info');
  watch(r.data.fileId);
}

async function retry(f, button) {
  button.disabled = true;
  say(message, `Retrying ${fileLabel(f)}…`, 'info');
  const r = await api(`/api/files/${encodeURIComponent(f.id)}/retry`, { method: 'POST' });
  if (!r.ok) {
    button.disabled = false;
    say(message, `${fileLabel(f)} could not be retried. ${r.message}`, 'error');
    loadFiles();
    return;
  }
  say(message, `${fileLabel(f)} is queued for processing again…`, 'info');
  loadFiles();
  watch(f.id);
}

async function loadFiles() {
  const failedOnly = statusFilter.value === 'failed';
  const [r, retryAllowed] = await Promise.all([api(failedOnly ? '/api/files?status=failed' : '/api/files'), canRetry]);
  if (!r.ok) { fill(filesEl, h('p', { class: 'message error' }, refusal(r, await me, 'files') ?? `The files could not be loaded. ${r.message}`)); return; }
  const rows = r.data.slice(0, 50);
  const retryColumn = retryAllowed && rows.some((f) => f.status === 'Failed');
  const headers = ['File', 'Received', 'Status', 'Claims', 'Cases', 'Errors', ...(retryColumn ? ['Action'] : [])];
  fill(filesEl, table(failedOnly ? `${r.data.length} failed files` : `${r.data.length} files`, headers, rows.map((f) => [
    h('button', { type: 'button', class: 'secondary', onclick: () => watch(f.id) }, fileLabel(f)), formatDateTime(f.receivedAt),
    h('span', { 'data-file-status': f.id }, statusBadge(f.status), f.status === 'Failed' && f.failureReason ? h('span', { class: 'muted' }, ` ${f.failureReason}`) : null,
      f.status === 'Quarantined' ? h('span', { class: 'muted' }, ' held for an Admin (open the file)') : null),
    String(f.claimsRead), String(f.casesCreated), String(f.errorCount),
    ...(retryColumn ? [f.status === 'Failed'
      ? h('button', { type: 'button', class: 'retry', 'data-file-id': f.id, 'aria-label': `Retry ${fileLabel(f)}`, onclick: (e) => retry(f, e.currentTarget) }, 'Retry')
      : ''] : [])]),
  { empty: failedOnly ? 'No failed files.' : 'No files yet.', className: 'stack' }));
}

if (param('status') === 'failed') statusFilter.value = 'failed';
statusFilter.addEventListener('change', () => {
  history.replaceState(null, '', statusFilter.value ? `?status=${statusFilter.value}` : location.pathname);
  loadFiles();
});
document.getElementById('file-filter').addEventListener('submit', (e) => { e.preventDefault(); loadFiles(); });
form.addEventListener('submit', (e) => { e.preventDefault(); upload(input.files[0]); });

// Who may upload (Payer, Coder, Admin): a manager reads the files but gets no upload form the server would refuse; a
// payer is told its files go into its own folder and that it sees only those.
me.then((user) => {
  const note = document.getElementById('upload-note');
  const show = (text) => { note.hidden = false; note.className = 'message info'; note.textContent = text; };
  const payer = user.roles.some((r) => r.toLowerCase() === 'payer');
  if (!can(user, 'upload')) {
    form.hidden = true;
    for (const el of form.elements) el.disabled = true;
    show(`${noAccess(user, 'upload')} You can still follow the files below.`);
  } else if (payer) {
    // An upload lists Payer first (docs/api.md): whoever holds it uploads as the payer, into its own folder.
    const staff = can({ ...user, roles: user.roles.filter((r) => r.toLowerCase() !== 'payer') }, 'read');
    show(`Files you upload go into your own payer folder${staff ? '.' : '; the list below shows only your files.'}`);
  }
});
zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('over'); });
zone.addEventListener('dragleave', () => zone.classList.remove('over'));
zone.addEventListener('drop', (e) => { e.preventDefault(); zone.classList.remove('over'); if (e.dataTransfer.files[0]) upload(e.dataTransfer.files[0]); });
loadFiles();

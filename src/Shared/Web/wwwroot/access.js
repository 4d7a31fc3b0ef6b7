// What the signed-in user may do, from GET /api/me's roles and the role rules of docs/api.md ("Roles and sign-in",
// ApiPolicy on the server). The server checks every call anyway; the pages use this only to hide or disable what would
// be refused, and to say so in words instead of showing a failed call.
import { api } from './api.js';

export const RULES = {
  read: ['Coder', 'Manager', 'Admin'],      // the queue, cases, letters (GET)
  work: ['Coder', 'Admin'],                 // approve, reject, edit, mark submitted, retry a file
  metrics: ['Manager', 'Admin'],            // the dashboard
  upload: ['Payer', 'Coder', 'Admin'],      // POST /api/files
  files: ['Coder', 'Manager', 'Admin', 'Payer'],
  check: ['Coder', 'Admin'],                // POST /api/claims/check
  quarantine: ['Admin'],                    // POST /api/files/{id}/release and /discard
};

const WHAT = { read: 'the work queue, cases and letters', work: 'approving, rejecting and editing letters', metrics: 'the manager dashboard',
  upload: 'uploading files', files: 'the files', check: 'checking claims', quarantine: 'releasing or discarding held transactions' };

/** { signedIn, name, roles, known } — known is false when the server has no /api/me (404) or could not be reached. */
export const me = api('/api/me').then((r) => ({
  signedIn: r.ok, known: r.ok || r.status === 401, name: r.ok ? r.data?.name ?? '' : '', roles: r.ok && Array.isArray(r.data?.roles) ? r.data.roles.map(String) : [],
}));

/** True when the user holds a role the rule allows; true as well when this server does not say who is signed in. */
export function can(user, rule) {
  if (!user.known) return true;
  return user.roles.some((role) => RULES[rule].some((allowed) => allowed.toLowerCase() === role.toLowerCase()));
}

const list = (roles) => (roles.length > 1 ? `${roles.slice(0, -1).join(', ')} or ${roles[roles.length - 1]}` : roles[0]);

/** "Your account (Payer) has no access to …: it needs the Coder, Manager or Admin role." */
export function noAccess(user, rule) {
  if (user.known && !user.signedIn) return `Sign in to see ${WHAT[rule]}.`;
  const yours = user.roles.length ? `Your account (${user.roles.join(', ')}) has` : 'Your account has no role, so';
  return `${yours} no access to ${WHAT[rule]}: it needs the ${list(RULES[rule])} role.`;
}

/** The message for a failed call: words for 401/403, the server's message otherwise. */
export function refusal(r, user, rule) {
  if (r.status === 401) return `You are not signed in (or your session expired). Sign in, then try again.`;
  if (r.status === 403) return noAccess(user, rule);
  return null;
}

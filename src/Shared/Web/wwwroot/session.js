// Who is signed in, shown in the header. In Azure, App Service Authentication signs users in (/.auth/login/aad);
// the local host has a development sign-in (/dev/users, /dev/signin, /dev/signout) instead.
import { api } from './api.js';
import { h, fill } from './ui.js';
import { me as whoAmI, can } from './access.js';

const slot = document.getElementById('session');

async function devUsers() {
  const r = await api('/dev/users');
  return r.ok && Array.isArray(r.data) ? r.data : null;
}

function devPicker(users, current) {
  const select = h('select', { id: 'dev-user', name: 'user' },
    users.map((u) => h('option', { value: u.name, selected: u.name === current }, `${u.name} (${u.roles.join(', ') || 'no role'})`)));
  return h('form', { class: 'signin', onsubmit: async (e) => {
    e.preventDefault();
    const r = await api(`/dev/signin?user=${encodeURIComponent(select.value)}`, { method: 'POST' });
    if (r.ok) location.reload();
  } }, h('label', { for: 'dev-user' }, 'Development user'), select, h('button', { type: 'submit', class: 'secondary' }, current ? 'Switch' : 'Sign in'));
}

async function show() {
  if (!slot) return;
  const me = await api('/api/me');
  if (me.status === 404) return; // this server has no sign-in
  const users = await devUsers();
  if (me.ok) {
    fill(slot, h('span', { id: 'signed-in' }, `Signed in as ${me.data.name}`, h('span', { class: 'roles' }, ` (${(me.data.roles ?? []).join(', ')})`)),
      users ? devPicker(users, me.data.name) : h('a', { href: '/.auth/logout' }, 'Sign out'));
    return;
  }
  fill(slot, users ? devPicker(users, null)
    : h('a', { href: `/.auth/login/aad?post_login_redirect_uri=${encodeURIComponent(location.pathname + location.search)}` }, 'Sign in'));
}

// The main menu offers only the pages the signed-in roles can use (the page itself still explains a refusal).
const PAGES = { '/': 'read', '/dashboard.html': 'metrics', '/drop.html': 'files', '/check.html': 'check' };

async function trimNav() {
  const user = await whoAmI;
  if (!user.signedIn) return;
  for (const link of document.querySelectorAll('header.top nav a[href]')) {
    const rule = PAGES[link.getAttribute('href')];
    if (rule && !can(user, rule) && !link.hasAttribute('aria-current')) link.closest('li').hidden = true;
  }
}

show();
trimNav();

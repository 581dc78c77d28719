// Boot, the top bar and the hash router. Each view is `mount(root, ctx) -> unmount`; the router
// unmounts the previous view (closing its streams and timers) before mounting the next.
import { session } from './api.js';
import { h, icon, replace, toast } from './dom.js';
import { applyDocumentLang, lang, setLang, t } from './i18n.js';
import { mountAuth, safeNext } from './views/auth.js';
import { mountNewTask } from './views/new-task.js';
import { mountTask } from './views/task.js';
import { mountTaskList } from './views/task-list.js';

const ROUTES = [
  { pattern: /^\/login$/, view: (root, ctx) => mountAuth(root, ctx, 'login'), public: true },
  { pattern: /^\/register$/, view: (root, ctx) => mountAuth(root, ctx, 'register'), public: true },
  { pattern: /^\/new$/, view: mountNewTask, nav: 'new' },
  { pattern: /^\/tasks$/, view: mountTaskList, nav: 'tasks' },
  { pattern: /^\/tasks\/([0-9a-fA-F-]{36})$/, view: mountTask, nav: 'tasks' },
];

const state = { unmount: null, route: null };

export function navigate(hash, { replace: replaceEntry = false } = {}) {
  if (replaceEntry) {
    history.replaceState(null, '', hash);
    render();
  } else if (location.hash === hash) {
    render();
  } else {
    location.hash = hash;
  }
}

function parse() {
  const raw = location.hash.replace(/^#/, '');
  const [path, search = ''] = raw.split('?');
  return { path: path || '/', query: new URLSearchParams(search) };
}

function render() {
  const { path, query } = parse();
  const auth = session.get();
  if (path === '/') {
    navigate(auth ? '#/new' : '#/login', { replace: true });
    return;
  }
  const found = matchRoute(path);
  if (!found) {
    navigate(auth ? '#/new' : '#/login', { replace: true });
    return;
  }
  const { route, match } = found;
  if (!route.public && !auth) {
    navigate(`#/login?next=${encodeURIComponent(here(path, query))}`, { replace: true });
    return;
  }
  if (route.public && auth && !query.has('expired')) {
    navigate(safeNext(query.get('next')), { replace: true });
    return;
  }
  state.unmount?.();
  state.unmount = null;
  state.route = route;
  renderTopbar(route, auth);
  const main = document.getElementById('main');
  main.replaceChildren();
  main.dataset.view = path.split('/')[1] + (match.length > 1 ? '-detail' : '');
  state.unmount = route.view(main, { params: match.slice(1), query, navigate }) || null;
  // Move focus into the new page (for screen readers and keyboards) unless the view chose a
  // field to focus itself.
  if (!main.contains(document.activeElement)) {
    const heading = main.querySelector('h1');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
    }
  }
}

function here(path, query) {
  const search = query.toString();
  return `#${path}${search ? `?${search}` : ''}`;
}

function matchRoute(path) {
  for (const route of ROUTES) {
    const match = path.match(route.pattern);
    if (match) return { route, match };
  }
  return null;
}

function renderTopbar(route, auth) {
  const bar = document.getElementById('topbar');
  const link = (name, href, iconName) => h('a', {
    href, class: 'nav-link', 'aria-current': route.nav === name ? 'page' : null,
  }, icon(iconName), h('span', {}, t(`nav.${name}`)));
  const langButton = h('button', {
    type: 'button', class: 'btn btn-ghost btn-sm lang-switch', 'aria-label': t('nav.switchLangLabel'),
    lang: lang() === 'en' ? 'zh-CN' : 'en', onclick: () => setLang(lang() === 'en' ? 'zh' : 'en'),
  }, icon('globe'), h('span', {}, t('nav.switchLang')));
  replace(bar,
    h('div', { class: 'topbar-inner' },
      h('a', { class: 'brand', href: auth ? '#/new' : '#/login' },
        h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, icon('spark')),
        h('span', { class: 'brand-name' }, 'ingenio')),
      auth ? h('nav', { class: 'nav', 'aria-label': lang() === 'en' ? 'Main' : '主导航' },
        link('new', '#/new', 'plus'), link('tasks', '#/tasks', 'list')) : h('span', { class: 'nav-spacer' }),
      h('div', { class: 'topbar-actions' },
        langButton,
        auth ? h('span', { class: 'user-chip', title: t('nav.user', { name: auth.username }) },
          h('span', { class: 'avatar', 'aria-hidden': 'true' }, auth.username.slice(0, 1).toUpperCase()),
          h('span', { class: 'user-name' }, auth.username)) : null,
        auth ? h('button', {
          type: 'button', class: 'btn btn-ghost btn-sm', 'data-action': 'logout', onclick: logout,
        }, icon('logout'), h('span', { class: 'hide-narrow' }, t('nav.logout'))) : null)));
}

function logout() {
  session.clear();
  toast(t('auth.loggedOut'));
  navigate('#/login');
}

function onUnauthorized() {
  const { path, query } = parse();
  if (path === '/login' || path === '/register') return;
  const next = here(path, query);
  navigate(`#/login?expired=1&next=${encodeURIComponent(next)}`, { replace: true });
}

function boot() {
  applyDocumentLang();
  const skip = document.getElementById('skip-link');
  skip.textContent = t('app.skip');
  skip.addEventListener('click', () => document.getElementById('main').focus());
  window.addEventListener('hashchange', render);
  window.addEventListener('ingenio:unauthorized', onUnauthorized);
  window.addEventListener('ingenio:lang', () => {
    skip.textContent = t('app.skip');
    render();
  });
  // Another tab logged in or out: follow it.
  window.addEventListener('storage', (event) => {
    if (event.key === 'ingenio.auth') render();
    if (event.key === 'ingenio.lang') setLang(event.newValue);
  });
  render();
}

boot();

// The task list: paging and a status filter kept in the URL, refreshed every 2.5 s while any
// task on the page is still running. Rows that did not change are left alone, so keyboard focus
// survives a refresh.
import { ApiError, STATUSES, TERMINAL, endpoints } from '../api.js';
import { formatDateTime, formatRelative, h, icon, replace } from '../dom.js';
import { banner } from '../form.js';
import { t } from '../i18n.js';
import { readable } from '../messages.js';
import { statusPill, scoreBadge } from './parts.js';

const REFRESH_MS = 2500;
const SIZES = [10, 20, 50];

export function mountTaskList(root, { query, navigate }) {
  const page = Math.max(1, parseInt(query.get('page') || '1', 10) || 1);
  const size = SIZES.includes(Number(query.get('size'))) ? Number(query.get('size')) : 10;
  const status = STATUSES.includes(query.get('status')) ? query.get('status') : '';
  const controller = new AbortController();
  let timer = null;
  let rows = new Map();
  let loaded = false;

  const href = (changes) => {
    const next = { page, size, status, ...changes };
    const params = new URLSearchParams();
    if (next.page > 1) params.set('page', String(next.page));
    if (next.size !== 10) params.set('size', String(next.size));
    if (next.status) params.set('status', next.status);
    const search = params.toString();
    return `#/tasks${search ? `?${search}` : ''}`;
  };

  const filter = h('select', {
    id: 'status-filter', name: 'status',
    onchange: () => navigate(href({ status: filter.value, page: 1 })),
  }, h('option', { value: '' }, t('list.all')), STATUSES.map((s) => h('option', { value: s, selected: s === status }, t(`status.${s}`))));
  const sizeSelect = h('select', {
    id: 'page-size', name: 'size', onchange: () => navigate(href({ size: Number(sizeSelect.value), page: 1 })),
  }, SIZES.map((n) => h('option', { value: String(n), selected: n === size }, t('list.perPage', { n }))));

  const live = h('p', { class: 'live-note', hidden: true, role: 'status' }, h('span', { class: 'pulse', 'aria-hidden': 'true' }), t('list.live'));
  const body = h('div', { class: 'list-body', 'aria-busy': 'true' }, skeleton(size));
  const pager = h('nav', { class: 'pager', 'aria-label': t('list.page', { page, pages: '…' }), hidden: true });

  root.append(h('div', { class: 'page' },
    h('header', { class: 'page-header' },
      h('h1', {}, t('list.title')),
      h('div', { class: 'toolbar' },
        h('label', { class: 'select-label' }, h('span', { class: 'sr-only' }, t('list.filter')), filter),
        h('label', { class: 'select-label hide-narrow' }, h('span', { class: 'sr-only' }, t('list.pageSize')), sizeSelect),
        h('a', { class: 'btn btn-primary', href: '#/new' }, icon('plus'), h('span', {}, t('nav.new'))))),
    live,
    h('section', { class: 'card list-card' }, body),
    pager));

  async function load() {
    clearTimeout(timer);
    if (document.hidden && loaded) {
      timer = setTimeout(load, REFRESH_MS);
      return;
    }
    try {
      const data = await endpoints.tasks({ page, size, status }, controller.signal);
      if (data.pages > 0 && page > data.pages) {
        navigate(href({ page: data.pages }), { replace: true });
        return;
      }
      render(data);
      loaded = true;
      const running = data.tasks.some((task) => !TERMINAL.has(task.status));
      live.hidden = !running;
      if (running) timer = setTimeout(load, REFRESH_MS);
    } catch (error) {
      if (error.name === 'AbortError' || (error instanceof ApiError && error.status === 401)) return;
      if (loaded) {
        timer = setTimeout(load, REFRESH_MS); // keep what is shown; try again quietly
        return;
      }
      body.removeAttribute('aria-busy');
      replace(body, banner('error', t('common.error'), readable(error.message), [
        h('button', { type: 'button', class: 'btn', onclick: () => { replace(body, skeleton(size)); load(); } }, t('common.retry')),
      ]));
    }
  }

  function render(data) {
    body.removeAttribute('aria-busy');
    if (data.total === 0 || data.tasks.length === 0) {
      rows = new Map();
      pager.hidden = true;
      replace(body, emptyState(status, href));
      return;
    }
    const keys = data.tasks.map((task) => task.taskId);
    let tbody = body.querySelector('tbody');
    const sameOrder = tbody && keys.length === rows.size && keys.every((k, i) => [...rows.keys()][i] === k);
    if (!sameOrder) {
      tbody = h('tbody');
      replace(body, h('table', { class: 'task-table' },
        h('caption', { class: 'sr-only' }, t('list.title')),
        h('thead', {}, h('tr', {},
          ['task', 'status', 'score', 'created', 'actions'].map((c) => h('th', { scope: 'col', class: `col-${c}` }, t(`list.col.${c}`))))),
        tbody));
      rows = new Map();
    }
    const next = new Map();
    data.tasks.forEach((task) => {
      const json = JSON.stringify(task);
      const old = rows.get(task.taskId);
      if (old && old.json === json) {
        next.set(task.taskId, old);
        return;
      }
      const tr = row(task);
      if (old) old.tr.replaceWith(tr);
      else tbody.append(tr);
      next.set(task.taskId, { json, tr });
    });
    rows = next;
    renderPager(data);
  }

  function renderPager(data) {
    pager.hidden = false;
    pager.setAttribute('aria-label', t('list.page', { page: data.pageNum, pages: data.pages }));
    const link = (target, content, label, current = false) => (target < 1 || target > data.pages
      ? h('span', { class: 'pager-btn', 'aria-disabled': 'true' }, content)
      : h('a', { class: 'pager-btn', href: href({ page: target }), 'aria-label': label, 'aria-current': current ? 'page' : null }, content));
    replace(pager,
      h('p', { class: 'pager-total' }, t('list.total', { n: data.total }), ' · ', t('list.page', { page: data.pageNum, pages: data.pages })),
      h('div', { class: 'pager-buttons' },
        link(data.pageNum - 1, [icon('back'), h('span', { class: 'hide-narrow' }, t('list.prev'))], t('list.prev')),
        pageNumbers(data.pageNum, data.pages).map((n) => (n === null
          ? h('span', { class: 'pager-gap', 'aria-hidden': 'true' }, '…')
          : link(n, String(n), t('list.goPage', { n }), n === data.pageNum))),
        link(data.pageNum + 1, [h('span', { class: 'hide-narrow' }, t('list.next')), icon('next')], t('list.next'))));
  }

  load();
  return () => {
    controller.abort();
    clearTimeout(timer);
  };
}

function row(task) {
  const running = !TERMINAL.has(task.status);
  return h('tr', { dataset: { taskId: task.taskId, status: task.status } },
    h('td', { class: 'col-task' },
      h('a', { class: 'task-link', href: `#/tasks/${task.taskId}` }, task.taskName),
      h('span', { class: 'task-id mono' }, task.taskId.slice(0, 8))),
    h('td', { class: 'col-status' },
      statusPill(task.status),
      running ? h('span', { class: 'mini-progress', title: `${task.progress}%` },
        h('span', { class: 'mini-progress-bar', style: { width: `${task.progress}%` } }),
        h('span', { class: 'sr-only' }, `${task.progress}%`)) : null,
      task.status === 'failed' && task.errorMessage ? h('span', { class: 'row-error' }, readable(task.errorMessage)) : null),
    h('td', { class: 'col-score' }, scoreBadge(task.qualityScore)),
    h('td', { class: 'col-created' },
      h('time', { datetime: task.createdAt, title: formatDateTime(task.createdAt) }, formatRelative(task.createdAt))),
    h('td', { class: 'col-actions' },
      task.downloadUrl
        ? h('a', { class: 'btn btn-sm', href: task.downloadUrl, download: '' }, icon('download'), h('span', {}, t('list.download')))
        : h('a', { class: 'btn btn-sm btn-ghost', href: `#/tasks/${task.taskId}` }, t('list.open'))));
}

function pageNumbers(current, pages) {
  if (pages <= 7) return Array.from({ length: pages }, (_, i) => i + 1);
  const set = new Set([1, pages, current - 1, current, current + 1].filter((n) => n >= 1 && n <= pages));
  const sorted = [...set].sort((a, b) => a - b);
  const out = [];
  sorted.forEach((n, i) => {
    if (i > 0 && n - sorted[i - 1] > 1) out.push(null);
    out.push(n);
  });
  return out;
}

function skeleton(size) {
  return h('div', { class: 'skeleton-list', 'aria-label': t('common.loading') },
    Array.from({ length: Math.min(size, 6) }, () => h('div', { class: 'skeleton-row' },
      h('span', { class: 'skeleton w-40' }), h('span', { class: 'skeleton w-15' }), h('span', { class: 'skeleton w-10' }))));
}

function emptyState(status, href) {
  return h('div', { class: 'empty' },
    h('div', { class: 'empty-icon', 'aria-hidden': 'true' }, icon(status ? 'list' : 'spark')),
    h('p', { class: 'empty-title' }, status ? t('list.emptyFiltered', { status: t(`status.${status}`) }) : t('list.empty')),
    status ? null : h('p', { class: 'muted' }, t('list.emptyLead')),
    status
      ? h('a', { class: 'btn', href: href({ status: '', page: 1 }) }, t('list.clearFilter'))
      : h('a', { class: 'btn btn-primary', href: '#/new' }, icon('plus'), h('span', {}, t('nav.new'))));
}

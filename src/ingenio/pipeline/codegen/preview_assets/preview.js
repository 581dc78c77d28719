'use strict';
// The generated app's UI, driven by the JSON island that render_preview embeds.
// Every string in that data may be hostile: it reaches the page only through textContent,
// text nodes and attribute values, never through innerHTML (Trusted Types would block it).
// Entities and fields are addressed by position, never by their names.
(() => {
  const DATA = JSON.parse(document.getElementById('ingenio-data').textContent);
  const M = DATA.messages;
  const ENTITIES = DATA.entities;
  const PAGE_SIZE = DATA.pageSize;
  const STORAGE_KEY = 'ingenio-preview:' + DATA.app.name;
  const LOCALE = DATA.app.lang === 'zh' ? 'zh-CN' : 'en';
  const COUNT = new Intl.NumberFormat(LOCALE);
  // Whole numbers without grouping: a year must read 2024, not 2,024.
  const NUMBER = new Intl.NumberFormat(LOCALE, { useGrouping: false, maximumFractionDigits: 6 });
  const DECIMAL = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 2, maximumFractionDigits: 6 });
  const own = (obj, key) => Object.prototype.hasOwnProperty.call(obj, key);

  // ---- text and DOM ------------------------------------------------------------------------
  function t(key, vars) {
    const text = own(M, key) ? M[key] : key;
    if (!vars) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name) => (own(vars, name) ? String(vars[name]) : whole));
  }

  const PROPERTIES = new Set(['value', 'checked', 'disabled', 'selected']);

  // h('a', {class: 'x', href: '#'}, child, ...): props are literals of this file, never data.
  function h(tag, props, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === 'class') el.className = value;
      else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
      else if (PROPERTIES.has(key)) el[key] = value;
      else el.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      el.append(child instanceof Node ? child : String(child));
    }
    return el;
  }

  const blank = (v) => v === null || v === undefined || v === '';

  // ---- storage: localStorage when the page may use it, memory otherwise ------------------------
  // A sandboxed iframe or a file:// page can throw on the mere access to localStorage.
  const storage = (() => {
    try {
      const s = window.localStorage;
      const probe = STORAGE_KEY + ':probe';
      s.setItem(probe, '1');
      s.removeItem(probe);
      return s;
    } catch (err) {
      return null;
    }
  })();
  let persistent = storage !== null;

  function seedTables() {
    return ENTITIES.map((entity) => ({
      nextId: entity.rows.reduce((max, row) => Math.max(max, row.id), 0) + 1,
      rows: entity.rows.map((row) => ({ ...row, values: row.values.slice() })),
    }));
  }

  function validTables(tables) {
    return Array.isArray(tables) && tables.length === ENTITIES.length && tables.every((table, e) =>
      table && Number.isInteger(table.nextId) && Array.isArray(table.rows) &&
      table.rows.every((row) => row && Number.isInteger(row.id) && Array.isArray(row.values) &&
        row.values.length === ENTITIES[e].fields.length));
  }

  function loadTables() {
    if (storage) {
      try {
        const saved = JSON.parse(storage.getItem(STORAGE_KEY) || 'null');
        if (saved && saved.fingerprint === DATA.fingerprint && validTables(saved.tables)) return saved.tables;
      } catch (err) {
        // Unreadable or from another version of the spec: start again from the samples.
      }
    }
    return seedTables();
  }

  let tables = loadTables();

  function persist() {
    if (!storage) return;
    try {
      storage.setItem(STORAGE_KEY, JSON.stringify({ fingerprint: DATA.fingerprint, tables }));
    } catch (err) {
      persistent = false; // quota exceeded or revoked: keep working in memory
      renderStatus();
    }
  }

  const findRow = (e, id) => tables[e].rows.find((row) => row.id === id) || null;

  function rowTitle(e, row) {
    const entity = ENTITIES[e];
    if (entity.title !== undefined && !blank(row.values[entity.title])) return String(row.values[entity.title]);
    return entity.label + ' #' + row.id;
  }

  function referencesTo(e, id) {
    const found = [];
    ENTITIES.forEach((entity, other) => entity.fields.forEach((f, i) => {
      if (f.type !== 'reference' || f.ref !== e) return;
      for (const row of tables[other].rows) {
        if (row.values[i] === id && !(other === e && row.id === id)) found.push({ e: other, row });
      }
    }));
    return found;
  }

  function now() {
    const d = new Date();
    const pad = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }

  // ---- values --------------------------------------------------------------------------------
  function display(f, value) {
    if (blank(value)) return h('span', { class: 'muted' }, '—');
    switch (f.type) {
      case 'boolean':
        return h('span', { class: value ? 'badge tone-ok' : 'badge tone-off' }, value ? t('yes') : t('no'));
      case 'enum': {
        const at = f.options.findIndex((o) => o[0] === value);
        return h('span', { class: 'badge tone-' + (at < 0 ? 0 : at % 6) }, at < 0 ? String(value) : f.options[at][1]);
      }
      case 'reference': {
        const target = findRow(f.ref, value);
        return target ? h('a', { href: `#detail/${f.ref}/${target.id}`, class: 'ref' }, rowTitle(f.ref, target))
          : h('span', { class: 'muted' }, '#' + value);
      }
      case 'decimal': return h('span', { class: 'num' }, DECIMAL.format(value));
      case 'int': case 'long': return h('span', { class: 'num' }, NUMBER.format(value));
      case 'datetime': return String(value).replace('T', ' ');
      default: return String(value);
    }
  }

  function searchText(e, row) {
    return ENTITIES[e].fields.map((f, i) => {
      const v = row.values[i];
      if (blank(v)) return '';
      if (f.type === 'enum') return (f.options.find((o) => o[0] === v) || [v, v])[1];
      if (f.type === 'reference') { const target = findRow(f.ref, v); return target ? rowTitle(f.ref, target) : ''; }
      return f.type === 'string' || f.type === 'text' ? String(v) : '';
    }).join('\n').toLowerCase();
  }

  // ---- routing: #list/2, #new/2, #detail/2/7, #edit/2/7 -----------------------------------
  function parseRoute() {
    const [view, a, b] = location.hash.replace(/^#\/?/, '').split('/');
    const e = Number(a);
    const id = Number(b);
    if (a !== undefined && Number.isInteger(e) && e >= 0 && e < ENTITIES.length) {
      if (view === 'list' || view === 'new') return { view, e };
      if ((view === 'detail' || view === 'edit') && Number.isInteger(id)) return { view, e, id };
    }
    return { view: 'dashboard' };
  }

  function go(hash) {
    if (location.hash === hash) render();
    else location.hash = hash;
  }

  // ---- shell ---------------------------------------------------------------------------------
  const root = document.getElementById('app');
  const navEl = h('nav', { class: 'nav', 'aria-label': DATA.app.title });
  const statusEl = h('span', { class: 'status' });
  const content = h('main', { class: 'content', id: 'content', tabindex: '-1' });
  const toasts = h('div', { class: 'toasts', role: 'status', 'aria-live': 'polite' });
  const initial = Array.from(DATA.app.title.trim())[0] || '·';

  root.append(
    h('aside', { class: 'sidebar' },
      h('div', { class: 'brand' },
        h('div', { class: 'logo', 'aria-hidden': 'true' }, initial),
        h('div', { class: 'brand-text' },
          h('div', { class: 'brand-name' }, DATA.app.title),
          h('div', { class: 'brand-sub' }, t('preview')))),
      navEl,
      h('div', { class: 'sidebar-foot' }, statusEl,
        h('button', { type: 'button', class: 'btn btn-ghost btn-sm', onclick: resetData }, t('reset')))),
    h('div', { class: 'main' }, content),
    toasts);

  function renderStatus() {
    statusEl.className = 'status ' + (persistent ? 'status-ok' : 'status-warn');
    statusEl.textContent = persistent ? t('storageLocal') : t('storageMemory');
  }

  function renderNav(route) {
    const current = route.view === 'dashboard' ? 'dashboard'
      : route.view === 'new' ? 'new:' + route.e : 'list:' + route.e;
    const groups = [['', ['dashboard']], [t('navData'), ['list']], [t('navActions'), ['new']]];
    const sections = groups.map(([title, kinds]) => {
      const items = DATA.nav.filter((item) => kinds.includes(item.kind));
      if (!items.length) return null;
      return h('div', { class: 'nav-section' },
        title ? h('div', { class: 'nav-title' }, title) : null,
        items.map((item) => {
          const key = item.kind === 'dashboard' ? 'dashboard' : item.kind + ':' + item.entity;
          const hash = item.kind === 'dashboard' ? '#dashboard' : `#${item.kind}/${item.entity}`;
          const active = key === current;
          return h('a', { href: hash, class: 'nav-item' + (active ? ' active' : ''), 'aria-current': active ? 'page' : null },
            h('span', { class: 'nav-dot', 'aria-hidden': 'true' }),
            h('span', { class: 'nav-label' }, item.title),
            item.kind === 'list' ? h('span', { class: 'nav-count' }, tables[item.entity].rows.length) : null);
        }));
    });
    navEl.replaceChildren(...sections.filter(Boolean));
  }

  function pageHeader(title, subtitle, ...actions) {
    return h('header', { class: 'page-header' },
      h('div', null, h('h1', null, title), subtitle ? h('p', { class: 'subtitle' }, subtitle) : null),
      actions.length ? h('div', { class: 'header-actions' }, actions) : null);
  }

  function toast(text) {
    const el = h('div', { class: 'toast' }, text);
    toasts.append(el);
    setTimeout(() => el.remove(), 2600);
  }

  function modal(title, body, buttons) {
    const close = () => { backdrop.remove(); document.removeEventListener('keydown', onKey); };
    const onKey = (event) => { if (event.key === 'Escape') close(); };
    const box = h('div', { class: 'modal', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'modal-title' },
      h('h2', { id: 'modal-title' }, title),
      h('p', null, body),
      h('div', { class: 'modal-actions' }, buttons.map(([label, kind, action]) =>
        h('button', { type: 'button', class: 'btn ' + kind, onclick: () => { close(); if (action) action(); } }, label))));
    const backdrop = h('div', { class: 'modal-backdrop', onclick: (event) => { if (event.target === backdrop) close(); } }, box);
    document.addEventListener('keydown', onKey);
    document.body.append(backdrop);
    box.querySelector('button').focus();
  }

  function resetData() {
    tables = seedTables();
    persist();
    toast(t('resetDone'));
    render();
  }

  function askDelete(e, row, after) {
    const label = ENTITIES[e].label;
    const refs = referencesTo(e, row.id);
    if (refs.length) {
      modal(t('deleteTitle'), t('deleteBlocked', { n: refs.length, label: ENTITIES[refs[0].e].label }),
        [[t('ok'), 'btn-primary', null]]);
      return;
    }
    modal(t('deleteTitle'), t('deleteBody', { label, name: rowTitle(e, row) }), [
      [t('cancel'), 'btn-secondary', null],
      [t('delete'), 'btn-danger', () => {
        tables[e].rows = tables[e].rows.filter((r) => r.id !== row.id);
        persist();
        toast(t('deleted'));
        after();
      }],
    ]);
  }

  const views = {};

  function render() {
    const route = parseRoute();
    renderNav(route);
    content.replaceChildren(views[route.view](route));
    content.scrollTop = 0;
    window.scrollTo(0, 0);
  }

  function crumbs(e, current) {
    const entity = ENTITIES[e];
    return h('nav', { class: 'crumbs', 'aria-label': entity.label },
      h('a', { href: `#list/${e}` }, entity.listTitle || entity.label), h('span', { 'aria-hidden': 'true' }, '/'),
      h('span', null, current));
  }

  function notFound(e) {
    return h('div', { class: 'view' }, pageHeader(ENTITIES[e].label),
      h('div', { class: 'card empty' }, h('p', null, t('notFound')),
        h('a', { href: `#list/${e}`, class: 'btn btn-secondary' }, t('backToList'))));
  }

  // ---- dashboard -----------------------------------------------------------------------------
  views.dashboard = () => {
    const home = DATA.nav.find((item) => item.kind === 'dashboard');
    const counts = ENTITIES.map((_, e) => tables[e].rows.length);
    const most = Math.max(1, ...counts);
    const stats = ENTITIES.map((entity, e) => h('a', { class: 'card stat', href: `#list/${e}` },
      h('div', { class: 'stat-label' }, entity.label),
      h('div', { class: 'stat-value' }, COUNT.format(counts[e])),
      h('div', { class: 'stat-foot' }, h('span', null, t('records')), h('span', { class: 'stat-link' }, t('viewAll') + ' →'))));
    const bars = ENTITIES.map((entity, e) => {
      const fill = h('div', { class: 'bar-fill tone-bg-' + (e % 6) });
      fill.style.width = ((counts[e] / most) * 100).toFixed(1) + '%'; // CSSOM, which CSP allows
      return h('div', { class: 'bar-row' }, h('span', { class: 'bar-label' }, entity.label),
        h('div', { class: 'bar-track' }, fill), h('span', { class: 'bar-value num' }, counts[e]));
    });
    const recent = ENTITIES.flatMap((_, e) => tables[e].rows.map((row) => ({ e, row })))
      .sort((a, b) => (a.row.updatedAt < b.row.updatedAt ? 1 : a.row.updatedAt > b.row.updatedAt ? -1 : 0))
      .slice(0, 6);
    return h('div', { class: 'view' },
      pageHeader(home ? home.title : t('dashboard'), DATA.app.description),
      h('div', { class: 'stats' }, stats),
      h('div', { class: 'grid-2' },
        h('section', { class: 'card' }, h('h2', null, t('distribution')), h('div', { class: 'bars' }, bars)),
        h('section', { class: 'card card-flush' }, h('h2', { class: 'card-title' }, t('recent')),
          h('table', { class: 'table' },
            h('thead', null, h('tr', null, h('th', null, t('entity')), h('th', null, t('name')), h('th', null, t('updatedAt')))),
            h('tbody', null, recent.map(({ e, row }) => h('tr', null,
              h('td', null, h('span', { class: 'badge tone-' + (e % 6) }, ENTITIES[e].label)),
              h('td', null, h('a', { href: `#detail/${e}/${row.id}` }, rowTitle(e, row))),
              h('td', { class: 'muted nowrap' }, row.updatedAt))))))));
  };

  // ---- list ----------------------------------------------------------------------------------
  const listState = ENTITIES.map(() => ({ q: '', page: 1 }));

  views.list = ({ e }) => {
    const entity = ENTITIES[e];
    const state = listState[e];
    const results = h('div', { class: 'results' });
    const refresh = () => results.replaceChildren(...listResults(e, state, refresh));
    const searchable = entity.fields.some((f) => ['string', 'text', 'enum', 'reference'].includes(f.type));
    const input = h('input', {
      type: 'search', class: 'input', value: state.q, 'aria-label': t('search'),
      placeholder: t('searchPlaceholder', { label: entity.label }),
      oninput: () => { state.q = input.value; state.page = 1; refresh(); },
    });
    const apply = () => { state.q = input.value; state.page = 1; refresh(); };
    // Buttons act on click rather than through form submission, which a sandboxed iframe
    // without allow-forms silently drops.
    const search = searchable ? h('form', {
      class: 'search', role: 'search', onsubmit: (event) => { event.preventDefault(); apply(); },
    }, input, h('button', { type: 'button', class: 'btn btn-secondary', onclick: apply }, t('search'))) : h('div');
    refresh();
    return h('div', { class: 'view' },
      pageHeader(entity.listTitle || entity.label, entity.help,
        h('a', { href: `#new/${e}`, class: 'btn btn-primary' }, '+ ' + t('new'))),
      h('section', { class: 'card card-flush' }, h('div', { class: 'toolbar' }, search), results));
  };

  function listResults(e, state, refresh) {
    const entity = ENTITIES[e];
    const q = state.q.trim().toLowerCase();
    const rows = tables[e].rows.filter((row) => !q || searchText(e, row).includes(q)).sort((a, b) => b.id - a.id);
    const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
    state.page = Math.min(Math.max(1, state.page), pages);
    if (!rows.length) {
      return [h('div', { class: 'empty' },
        h('div', { class: 'empty-title' }, q ? t('noMatch', { q: state.q.trim(), label: entity.label }) : t('empty')),
        q ? null : h('p', null, t('emptyHint', { label: entity.label })))];
    }
    const columns = entity.columns || [];
    const table = h('div', { class: 'table-wrap' }, h('table', { class: 'table' },
      h('thead', null, h('tr', null, h('th', { class: 'col-id' }, t('id')),
        columns.map((i) => h('th', null, entity.fields[i].label)), h('th', { class: 'col-actions' }, t('actions')))),
      h('tbody', null, rows.slice((state.page - 1) * PAGE_SIZE, state.page * PAGE_SIZE).map((row) => h('tr', null,
        h('td', { class: 'col-id muted' }, h('a', { href: `#detail/${e}/${row.id}` }, '#' + row.id)),
        columns.map((i) => h('td', null, display(entity.fields[i], row.values[i]))),
        h('td', { class: 'col-actions' },
          h('a', { href: `#detail/${e}/${row.id}`, class: 'link' }, t('view')),
          h('a', { href: `#edit/${e}/${row.id}`, class: 'link' }, t('edit')),
          h('button', { type: 'button', class: 'link link-danger', onclick: () => askDelete(e, row, () => { render(); }) }, t('delete'))))))));
    const move = (delta) => { state.page += delta; refresh(); };
    const pager = h('div', { class: 'pager' },
      h('span', { class: 'pager-total' }, t('total', { total: rows.length })),
      h('div', { class: 'pager-controls' },
        h('button', { type: 'button', class: 'btn btn-secondary btn-sm', disabled: state.page <= 1, onclick: () => move(-1) }, t('prev')),
        h('span', { class: 'pager-info' }, t('pageInfo', { page: state.page, pages })),
        h('button', { type: 'button', class: 'btn btn-secondary btn-sm', disabled: state.page >= pages, onclick: () => move(1) }, t('next'))));
    return [table, pager];
  }

  // ---- detail --------------------------------------------------------------------------------
  views.detail = ({ e, id }) => {
    const entity = ENTITIES[e];
    const row = findRow(e, id);
    if (!row) return notFound(e);
    const item = (label, value) => h('div', { class: 'detail-item' }, h('dt', null, label), h('dd', null, value));
    const groups = new Map();
    for (const ref of referencesTo(e, row.id)) {
      if (!groups.has(ref.e)) groups.set(ref.e, []);
      groups.get(ref.e).push(ref.row);
    }
    const related = groups.size ? h('section', { class: 'card' }, h('h2', null, t('related')),
      Array.from(groups, ([other, rows]) => h('div', { class: 'related' },
        h('h3', null, t('relatedCount', { label: ENTITIES[other].label, n: rows.length })),
        h('ul', null, rows.slice(0, 8).map((r) => h('li', null, h('a', { href: `#detail/${other}/${r.id}` }, rowTitle(other, r)))))))) : null;
    return h('div', { class: 'view' },
      crumbs(e, rowTitle(e, row)),
      pageHeader(rowTitle(e, row), entity.detailTitle || t('detailTitle', { label: entity.label }),
        h('a', { href: `#edit/${e}/${row.id}`, class: 'btn btn-secondary' }, t('edit')),
        h('button', { type: 'button', class: 'btn btn-danger', onclick: () => askDelete(e, row, () => go(`#list/${e}`)) }, t('delete'))),
      h('section', { class: 'card' }, h('dl', { class: 'details' },
        entity.fields.map((f, i) => item(f.label, display(f, row.values[i]))),
        item(t('id'), '#' + row.id), item(t('createdAt'), row.createdAt), item(t('updatedAt'), row.updatedAt))),
      related,
      h('a', { href: `#list/${e}`, class: 'back' }, '← ' + t('backToList')));
  };

  // ---- create and edit -----------------------------------------------------------------------
  views.new = ({ e }) => formView(e, null);
  views.edit = ({ e, id }) => { const row = findRow(e, id); return row ? formView(e, row) : notFound(e); };

  function formView(e, row) {
    const entity = ENTITIES[e];
    const controls = entity.fields.map((f, i) => control(e, f, i, row));
    const summary = h('div', { class: 'form-summary', role: 'alert', hidden: true });
    const submit = () => {
      const results = controls.map((c) => c.check());
      const bad = results.filter((r) => r.error).length;
      if (bad) {
        summary.hidden = false;
        summary.textContent = t('errorSummary', { n: bad });
        controls.find((c) => c.invalid()).focus();
        return;
      }
      const values = results.map((r) => r.value);
      const stamp = now();
      if (row) {
        Object.assign(row, { values, updatedAt: stamp });
        persist();
        toast(t('updated'));
        go(`#detail/${e}/${row.id}`);
        return;
      }
      const table = tables[e];
      table.rows.push({ id: table.nextId, createdAt: stamp, updatedAt: stamp, values });
      table.nextId += 1;
      persist();
      listState[e].q = '';
      listState[e].page = 1;
      toast(t('created', { label: entity.label }));
      go(`#list/${e}`);
    };
    const title = row ? t('editTitle', { label: entity.label }) : entity.newTitle || t('newTitle', { label: entity.label });
    const back = row ? `#detail/${e}/${row.id}` : `#list/${e}`;
    return h('div', { class: 'view' },
      crumbs(e, row ? rowTitle(e, row) : title),
      pageHeader(title, entity.help),
      h('form', {
        class: 'card form', novalidate: true,
        onsubmit: (event) => { event.preventDefault(); submit(); },
        // Enter saves, as in any form, without relying on submission (see the search form).
        onkeydown: (event) => {
          if (event.key === 'Enter' && event.target.tagName === 'INPUT') { event.preventDefault(); submit(); }
        },
      },
        summary,
        h('div', { class: 'form-grid' }, controls.map((c) => c.wrap)),
        h('div', { class: 'form-actions' },
          h('a', { href: back, class: 'btn btn-secondary' }, t('cancel')),
          h('button', { type: 'button', class: 'btn btn-primary', onclick: submit }, t('save')))));
  }

  function control(e, f, i, row) {
    const id = 'fld-' + i;
    const initial = row ? row.values[i] : null;
    const text = blank(initial) ? '' : String(initial);
    let input;
    switch (f.type) {
      case 'boolean':
        input = h('input', { type: 'checkbox', id, class: 'checkbox', checked: Boolean(initial) });
        break;
      case 'text':
        input = h('textarea', { id, class: 'input', rows: 4, value: text });
        break;
      case 'enum':
        input = h('select', { id, class: 'input' }, h('option', { value: '' }, t('choose')),
          f.options.map(([value, label]) => h('option', { value, selected: value === initial }, label)));
        break;
      case 'reference': {
        const targets = tables[f.ref].rows.slice().sort((a, b) => a.id - b.id);
        const none = targets.length ? t('choose') : t('noTargets', { label: ENTITIES[f.ref].label });
        input = h('select', { id, class: 'input' }, h('option', { value: '' }, none),
          targets.map((r) => h('option', { value: String(r.id), selected: r.id === initial }, rowTitle(f.ref, r))));
        break;
      }
      case 'int': case 'long': case 'decimal':
        input = h('input', {
          type: 'number', id, class: 'input', value: text, min: f.min, max: f.max,
          step: f.type === 'decimal' ? 'any' : '1', inputmode: f.type === 'decimal' ? 'decimal' : 'numeric',
        });
        break;
      case 'date':
        input = h('input', { type: 'date', id, class: 'input', value: text });
        break;
      case 'datetime':
        input = h('input', { type: 'datetime-local', id, class: 'input', value: text });
        break;
      default:
        input = h('input', { type: 'text', id, class: 'input', value: text, autocomplete: 'off' });
    }
    const error = h('p', { class: 'field-error', id: id + '-error', hidden: true });
    const hints = [f.help, rangeHint(f)].filter(Boolean).join(' · ');
    const help = hints ? h('p', { class: 'help', id: id + '-help' }, hints) : null;
    const counter = ['string', 'text'].includes(f.type) && f.maxLength !== undefined ? h('span', { class: 'counter' }) : null;
    input.setAttribute('aria-describedby', [help ? id + '-help' : '', id + '-error'].join(' ').trim());
    if (f.required) input.setAttribute('aria-required', 'true');
    const label = f.type === 'boolean'
      ? h('label', { class: 'check', for: id }, input, h('span', null, f.label))
      : h('label', { class: f.required ? 'label required' : 'label', for: id }, f.label);
    const wrap = h('div', { class: 'field' + (f.type === 'text' ? ' field-wide' : '') },
      h('div', { class: 'label-row' }, label, counter),
      f.type === 'boolean' ? null : input, help, error);

    const updateCounter = () => {
      if (!counter) return;
      const n = input.value.trim().length;
      counter.textContent = `${n}/${f.maxLength}`;
      counter.classList.toggle('over', n > f.maxLength);
    };
    const setError = (message) => {
      wrap.classList.toggle('has-error', Boolean(message));
      input.setAttribute('aria-invalid', message ? 'true' : 'false');
      error.hidden = !message;
      error.textContent = message || '';
    };
    const check = () => {
      const result = readValue(e, f, i, input, row ? row.id : null);
      setError(result.error);
      return result;
    };
    input.addEventListener(input.tagName === 'SELECT' || f.type === 'boolean' ? 'change' : 'input', () => {
      updateCounter();
      if (wrap.classList.contains('has-error')) check(); // let the message go as soon as it is fixed
    });
    input.addEventListener('blur', () => { if (!blank(input.value) && f.type !== 'boolean') check(); });
    updateCounter();
    return { wrap, check, invalid: () => wrap.classList.contains('has-error'), focus: () => input.focus() };
  }

  function rangeHint(f) {
    if (!['int', 'long', 'decimal'].includes(f.type)) return f.minLength ? t('hintMinLength', { min: f.minLength }) : '';
    if (f.min !== undefined && f.max !== undefined) return t('hintRange', { min: NUMBER.format(f.min), max: NUMBER.format(f.max) });
    if (f.min !== undefined) return t('hintMin', { min: NUMBER.format(f.min) });
    if (f.max !== undefined) return t('hintMax', { max: NUMBER.format(f.max) });
    return '';
  }

  // The one place that decides whether a value is acceptable; mirrors the generated API's rules.
  function readValue(e, f, i, input, rowId) {
    const label = f.label;
    let value = null;
    switch (f.type) {
      case 'boolean':
        return { value: input.checked };
      case 'int': case 'long': case 'decimal': {
        if (input.validity.badInput) return { error: t('errNumber', { label }) };
        const raw = input.value.trim();
        if (raw === '') break;
        const n = Number(raw);
        if (!Number.isFinite(n)) return { error: t('errNumber', { label }) };
        if (f.type !== 'decimal' && !Number.isInteger(n)) return { error: t('errInteger', { label }) };
        if (f.min !== undefined && n < f.min) return { error: t('errMin', { label, min: NUMBER.format(f.min) }) };
        if (f.max !== undefined && n > f.max) return { error: t('errMax', { label, max: NUMBER.format(f.max) }) };
        value = n;
        break;
      }
      case 'enum':
        if (input.value === '') break;
        if (!f.options.some((o) => o[0] === input.value)) return { error: t('errChoice', { label }) };
        value = input.value;
        break;
      case 'reference':
        if (input.value === '') break;
        value = Number(input.value);
        if (!findRow(f.ref, value)) return { error: t('errChoice', { label }) };
        break;
      default: {
        const raw = input.value.trim();
        if (raw === '') break;
        if (f.minLength !== undefined && raw.length < f.minLength) return { error: t('errMinLength', { label, min: f.minLength }) };
        if (f.maxLength !== undefined && raw.length > f.maxLength) return { error: t('errMaxLength', { label, max: f.maxLength, n: raw.length }) };
        value = raw;
      }
    }
    if (value === null) return f.required ? { error: t('errRequired', { label }) } : { value: null };
    if (f.unique && tables[e].rows.some((r) => r.id !== rowId && r.values[i] === value)) {
      return { error: t('errUnique', { label, value }) };
    }
    return { value };
  }

  window.addEventListener('hashchange', render);
  renderStatus();
  render();
})();

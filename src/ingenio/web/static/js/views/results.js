// A completed task's results: the preview in a sandboxed frame and the project's files, as two
// tabs (WAI-ARIA tabs pattern: arrow keys move between tabs). The open tab is kept in the URL.
import { h, icon, spinner } from '../dom.js';
import { t } from '../i18n.js';
import { fileBrowser } from './files.js';

// The preview is served with a CSP sandbox too; the frame's own sandbox keeps it an opaque
// origin even where that header is lost (an S3 link), so it can never read this page's token.
const PREVIEW_SANDBOX = 'allow-scripts allow-forms allow-modals';

export function resultsPanel(taskId, view, result, initialTab) {
  const manifest = result.project?.manifest || [];
  const tabs = [
    { key: 'preview', label: t('task.tab.preview'), render: () => previewPanel(view) },
    { key: 'files', label: `${t('task.tab.files')}`, count: manifest.length, render: () => filesPanel(taskId, manifest) },
  ];
  const start = tabs.some((tab) => tab.key === initialTab) ? initialTab : (view.previewUrl ? 'preview' : 'files');
  const built = new Map();
  const destroyers = [];

  const list = h('div', { class: 'tabs', role: 'tablist', 'aria-label': t('task.results'), onkeydown: onKey });
  const panels = h('div', { class: 'tab-panels' });
  const buttons = tabs.map((tab) => h('button', {
    type: 'button', role: 'tab', id: `tab-${tab.key}`, class: 'tab', 'aria-controls': `panel-${tab.key}`,
    'aria-selected': 'false', tabindex: '-1', dataset: { tab: tab.key }, onclick: () => select(tab.key, true),
  }, tab.label, tab.count ? h('span', { class: 'count' }, String(tab.count)) : null));
  list.append(...buttons);

  function select(key, userChoice) {
    tabs.forEach((tab, i) => {
      const active = tab.key === key;
      buttons[i].setAttribute('aria-selected', String(active));
      buttons[i].tabIndex = active ? 0 : -1;
      if (active && !built.has(key)) {
        const content = tab.render();
        if (content.destroy) destroyers.push(content.destroy);
        const panel = h('div', { role: 'tabpanel', id: `panel-${key}`, 'aria-labelledby': `tab-${key}`, class: 'tab-panel' }, content.node);
        built.set(key, panel);
        panels.append(panel);
      }
      if (built.has(tab.key)) built.get(tab.key).hidden = !active;
    });
    if (userChoice) {
      // replaceState does not fire hashchange: the view stays mounted, a reload reopens the tab.
      const [path] = location.hash.split('?');
      history.replaceState(null, '', `${path}?tab=${key}`);
    }
  }

  function onKey(event) {
    const index = buttons.indexOf(document.activeElement);
    if (index < 0) return;
    const step = { ArrowRight: 1, ArrowLeft: -1, Home: -index, End: buttons.length - 1 - index }[event.key];
    if (step === undefined) return;
    event.preventDefault();
    const next = buttons[(index + step + buttons.length) % buttons.length];
    next.focus();
    select(next.dataset.tab, true);
  }

  select(start, false);
  return {
    node: h('section', { class: 'card results-card', 'aria-labelledby': 'results-title' },
      h('h2', { id: 'results-title', class: 'sr-only' }, t('task.results')), list, panels),
    destroy: () => destroyers.forEach((d) => d()),
  };
}

function previewPanel(view) {
  if (!view.previewUrl) return { node: h('p', { class: 'muted empty-inline' }, icon('info'), t('task.preview.none')) };
  const frame = h('iframe', {
    class: 'preview-frame', src: view.previewUrl, sandbox: PREVIEW_SANDBOX, title: t('task.preview.title'),
    referrerpolicy: 'no-referrer',
  });
  const stage = h('div', { class: 'preview-stage', dataset: { device: 'desktop', state: 'loading' }, 'aria-busy': 'true' },
    h('p', { class: 'preview-loading muted' }, spinner(), h('span', {}, t('task.preview.loading'))), frame);
  frame.addEventListener('load', () => {
    stage.dataset.state = 'ready';
    stage.removeAttribute('aria-busy');
  });
  const device = (key, iconName) => h('button', {
    type: 'button', class: 'btn btn-sm btn-ghost', 'aria-pressed': String(key === 'desktop'), dataset: { device: key },
    onclick: (e) => {
      stage.dataset.device = key;
      e.currentTarget.parentElement.querySelectorAll('button').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.device === key)));
    },
  }, icon(iconName), h('span', {}, t(`task.preview.${key}`)));
  return {
    node: h('div', { class: 'preview' },
      h('div', { class: 'preview-toolbar' },
        h('div', { class: 'segmented', role: 'group' }, device('desktop', 'monitor'), device('mobile', 'phone')),
        h('a', { class: 'btn btn-sm btn-ghost', href: view.previewUrl, target: '_blank', rel: 'noopener noreferrer' },
          icon('external'), h('span', {}, t('task.preview.open')))),
      stage),
  };
}

function filesPanel(taskId, manifest) {
  const browser = fileBrowser(taskId, manifest);
  return { node: browser.node, destroy: browser.destroy };
}

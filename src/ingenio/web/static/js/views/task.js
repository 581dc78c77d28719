// One task, live: progress, the four agents, token usage; then the quality report, the download,
// the preview and the project's files. The page is built once and updated in place on every
// state, so focus, the open tab and the preview frame are never disturbed by an update.
import { ApiError, TERMINAL, endpoints } from '../api.js';
import { copyText, formatDateTime, formatDuration, formatElapsed, h, icon, replace, toast } from '../dom.js';
import { banner } from '../form.js';
import { applyDocumentLang, t } from '../i18n.js';
import { watchTask } from '../live.js';
import { readable } from '../messages.js';
import { qualityCard, statusPill, timeline, usageCard } from './parts.js';
import { resultsPanel } from './results.js';

export function mountTask(root, { params, query }) {
  const [id] = params;
  const page = h('div', { class: 'page task-page', 'aria-busy': 'true' }, loadingSkeleton());
  root.append(page);

  let ui = null;
  let view = null;
  let received = 0;
  let result = null;
  let results = null;
  let resultRequested = false;
  const controller = new AbortController();

  const stop = watchTask(id, {
    onStatus(next) {
      view = next;
      received = Date.now();
      if (!ui) ui = build(next);
      update(next);
    },
    onMode(mode) {
      if (ui) ui.progress.dataset.live = mode;
      if (ui) renderMode(mode);
    },
    onError(error) {
      if (error instanceof ApiError && error.status === 401) return;
      page.removeAttribute('aria-busy');
      const notFound = error instanceof ApiError && (error.status === 404 || error.status === 400);
      replace(page, h('div', { class: 'empty' },
        h('div', { class: 'empty-icon', 'aria-hidden': 'true' }, icon('alert')),
        h('h1', { class: 'empty-title' }, notFound ? t('task.notFound') : t('common.error')),
        notFound ? null : h('p', { class: 'muted' }, readable(error.message)),
        h('a', { class: 'btn', href: '#/tasks' }, icon('back'), h('span', {}, t('task.back')))));
    },
  });
  const ticker = setInterval(tick, 1000);

  function build(first) {
    page.removeAttribute('aria-busy');
    const title = h('h1', { class: 'task-title' }, first.taskName);
    const pillHost = h('span', { class: 'pill-host' });
    const actions = h('div', { class: 'task-actions' });
    const outcome = h('div', { class: 'outcome', hidden: true });
    const fill = h('div', { class: 'progress-fill' });
    const bar = h('div', {
      class: 'progress', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-labelledby': 'progress-title',
    }, fill);
    const progress = h('section', { class: 'card progress-card', 'aria-labelledby': 'progress-title' },
      h('div', { class: 'progress-head' },
        h('div', {},
          h('h2', { id: 'progress-title', class: 'sr-only' }, t('task.progress')),
          h('p', { class: 'progress-status', 'aria-live': 'polite' }),
          h('p', { class: 'progress-current muted small' })),
        h('p', { class: 'progress-pct mono', 'aria-hidden': 'true' })),
      bar,
      h('div', { class: 'progress-foot small' },
        h('span', { class: 'live-mode' }),
        h('span', { class: 'eta' }),
        h('span', { class: 'elapsed muted' })));
    const agents = h('div', { class: 'agents-host' });
    const usage = h('div', { class: 'usage-host' });
    const quality = h('div', { class: 'quality-host' });
    const resultsHost = h('div', { class: 'results-host' });

    replace(page,
      h('header', { class: 'task-header' },
        h('a', { class: 'back-link', href: '#/tasks' }, icon('back'), h('span', {}, t('task.back'))),
        h('div', { class: 'task-title-row' }, h('div', { class: 'task-title-wrap' }, title, pillHost), actions),
        h('p', { class: 'task-meta muted small' },
          h('span', {}, t('task.created', { time: formatDateTime(first.createdAt) })),
          h('span', { class: 'task-id-wrap' }, `${t('task.id')} `, h('span', { class: 'mono' }, first.taskId),
            h('button', {
              type: 'button', class: 'btn btn-ghost btn-icon btn-xs', 'aria-label': t('task.copyId'),
              onclick: async () => toast(await copyText(first.taskId) ? t('task.copied') : t('common.error')),
            }, icon('copy')))),
        h('details', { class: 'requirement' },
          h('summary', {}, t('task.requirement')),
          h('p', { class: 'requirement-text' }, first.userRequirement))),
      outcome,
      progress,
      h('div', { class: 'task-grid' },
        h('section', { class: 'card agents-card', 'aria-labelledby': 'agents-title' },
          h('h2', { id: 'agents-title' }, t('task.agents')), agents),
        h('div', { class: 'task-side' },
          h('section', { class: 'card', 'aria-labelledby': 'usage-title' }, h('h2', { id: 'usage-title' }, t('task.usage')), usage),
          h('section', { class: 'card', 'aria-labelledby': 'quality-title' }, h('h2', { id: 'quality-title' }, t('task.quality')), quality))),
      resultsHost);
    return { title, pillHost, actions, outcome, progress, bar, fill, agents, usage, quality, resultsHost, cancelState: 'idle' };
  }

  function update(v) {
    const terminal = TERMINAL.has(v.status);
    replace(ui.pillHost, statusPill(v.status));
    page.dataset.status = v.status;
    setText(ui.progress.querySelector('.progress-status'), t(`status.${v.status}`));
    ui.progress.querySelector('.progress-current').textContent = !terminal && v.currentAgent ? t('task.current', { agent: t(`agent.${v.currentAgent}`) }) : '';
    ui.progress.querySelector('.progress-pct').textContent = `${v.progress}%`;
    ui.bar.setAttribute('aria-valuenow', String(v.progress));
    ui.bar.setAttribute('aria-valuetext', `${v.progress}% · ${t(`status.${v.status}`)}`);
    ui.bar.dataset.status = v.status;
    ui.fill.style.width = `${v.progress}%`;
    replace(ui.agents, timeline(v.agents, terminal));
    replace(ui.usage, usageCard(v.tokenUsage, v.agents));
    if (!result?.report) replace(ui.quality, qualityCard(v.qualityScore, null, terminal));
    renderActions(v);
    renderOutcome(v);
    tick();
    document.title = terminal ? `${t(`status.${v.status}`)} · ${v.taskName}` : `${v.progress}% · ${v.taskName}`;
    if ((v.status === 'completed' || v.status === 'failed') && !resultRequested) loadResult();
  }

  function renderMode(mode) {
    const el = ui.progress.querySelector('.live-mode');
    if (mode === 'done') {
      replace(el);
      return;
    }
    replace(el, h('span', { class: `live-dot live-${mode}`, 'aria-hidden': 'true' }), t(`task.live.${mode}`));
  }

  function renderActions(v) {
    const cancellable = !TERMINAL.has(v.status);
    // Rebuilt only when something visible changes: a button replaced under the pointer would
    // swallow the click that was meant for it.
    const signature = [cancellable ? 'running' : v.status, ui.cancelState, Boolean(v.downloadUrl)].join();
    if (signature === ui.actionsSignature) return;
    ui.actionsSignature = signature;
    const items = [];
    if (cancellable) items.push(ui.cancelState === 'confirm' ? cancelConfirm() : h('button', {
      type: 'button', class: 'btn btn-danger-outline', 'data-action': 'cancel',
      disabled: ui.cancelState === 'busy',
      onclick: () => {
        ui.cancelState = 'confirm';
        renderActions(view);
        ui.actions.querySelector('[data-action="confirm-cancel"]').focus();
      },
    }, icon('stop'), h('span', {}, t('task.cancel'))));
    if (v.downloadUrl) {
      items.push(h('a', { class: 'btn btn-primary', href: v.downloadUrl, download: '', 'data-action': 'download' },
        icon('download'), h('span', {}, t('task.download'))));
    }
    if (v.status === 'failed' || v.status === 'cancelled') {
      items.push(h('a', { class: 'btn', href: `#/new?from=${v.taskId}` }, t('task.retry')));
    } else if (TERMINAL.has(v.status)) {
      items.push(h('a', { class: 'btn', href: '#/new' }, icon('plus'), h('span', {}, t('task.newTask'))));
    }
    const focused = ui.actions.contains(document.activeElement) ? document.activeElement.dataset.action : null;
    replace(ui.actions, items);
    if (focused) ui.actions.querySelector(`[data-action="${focused}"]`)?.focus();
  }

  function cancelConfirm() {
    const back = () => {
      ui.cancelState = 'idle';
      renderActions(view);
      ui.actions.querySelector('[data-action="cancel"]')?.focus();
    };
    return h('div', {
      class: 'confirm', role: 'group', 'aria-label': t('task.cancel'),
      onkeydown: (e) => { if (e.key === 'Escape') back(); },
    },
    h('p', { class: 'confirm-text' }, t('task.cancelConfirm')),
    h('button', { type: 'button', class: 'btn btn-danger', 'data-action': 'confirm-cancel', onclick: doCancel }, t('task.cancelYes')),
    h('button', { type: 'button', class: 'btn btn-ghost', 'data-action': 'keep', onclick: back }, t('task.cancelNo')));
  }

  async function doCancel() {
    ui.cancelState = 'busy';
    renderActions(view);
    try {
      await endpoints.cancel(id);
      toast(t('task.cancelled'));
      const latest = await endpoints.status(id);
      if (!view || latest.updatedAt >= view.updatedAt) {
        view = latest;
        update(latest);
      }
    } catch (error) {
      if (error instanceof ApiError && error.status !== 401) toast(readable(error.message), 'error');
    } finally {
      ui.cancelState = 'idle';
      if (view) renderActions(view);
    }
  }

  function renderOutcome(v) {
    let node = null;
    if (v.status === 'failed') {
      node = banner('error', t('task.failed'), v.errorMessage ? readable(v.errorMessage) : null, []);
      node.append(h('p', { class: 'banner-hint' }, t('task.failedHint')));
    } else if (v.status === 'cancelled') {
      node = banner('info', t('task.cancelled'), t('task.cancelledLead'));
    }
    replace(ui.outcome, node);
    ui.outcome.hidden = !node;
  }

  async function loadResult() {
    resultRequested = true;
    const completed = view.status === 'completed';
    if (completed) replace(ui.resultsHost, h('section', { class: 'card' }, h('p', { class: 'muted' }, t('task.result.loading'))));
    try {
      result = await endpoints.result(id, controller.signal);
    } catch (error) {
      if (error.name === 'AbortError' || (error instanceof ApiError && error.status === 401)) return;
      if (completed) replace(ui.resultsHost, banner('error', t('task.result.error', { msg: readable(error.message) })));
      return;
    }
    if (result.report) replace(ui.quality, qualityCard(view.qualityScore ?? result.report.qualityScore, result.report));
    if (completed) {
      results = resultsPanel(id, view, result, query.get('tab'));
      replace(ui.resultsHost, results.node);
    }
  }

  function tick() {
    if (!ui || !view) return;
    const terminal = TERMINAL.has(view.status);
    const eta = ui.progress.querySelector('.eta');
    const left = Math.max(0, view.estimatedRemainingSeconds - (Date.now() - received) / 1000);
    if (terminal || (left < 1 && view.status === 'pending')) eta.textContent = '';
    else eta.textContent = left >= 1 ? t('task.eta', { t: formatElapsed(left * 1000) }) : t('task.etaSoon');
    const start = Date.parse(view.startedAt || view.createdAt);
    const end = terminal && view.completedAt ? Date.parse(view.completedAt) : Date.now();
    ui.progress.querySelector('.elapsed').textContent = Number.isNaN(start) ? ''
      : t(terminal ? 'task.took' : 'task.elapsed', { t: terminal ? formatDuration(end - start) : formatElapsed(end - start) });
    page.querySelectorAll('[data-since]').forEach((el) => {
      el.textContent = formatElapsed(Date.now() - Date.parse(el.dataset.since));
    });
  }

  return () => {
    stop();
    controller.abort();
    clearInterval(ticker);
    results?.destroy();
    applyDocumentLang();
  };
}

// Only on change: a live region re-announces text that is merely rewritten.
function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

function loadingSkeleton() {
  return h('div', { class: 'skeleton-page', 'aria-label': t('common.loading') },
    h('span', { class: 'skeleton w-40 tall' }), h('span', { class: 'skeleton w-100 bar' }),
    h('div', { class: 'skeleton-grid' }, h('span', { class: 'skeleton block' }), h('span', { class: 'skeleton block' })));
}

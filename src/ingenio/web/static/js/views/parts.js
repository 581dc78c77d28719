// Pieces of the task views: status pills, the agent timeline, token usage and the quality card.
import { formatCost, formatDuration, formatElapsed, formatNumber, formatTime, h, icon, spinner } from '../dom.js';
import { lang, t } from '../i18n.js';
import { readable } from '../messages.js';

export function statusPill(status) {
  return h('span', { class: `pill pill-${status}`, dataset: { status } },
    h('span', { class: 'pill-dot', 'aria-hidden': 'true' }), t(`status.${status}`));
}

export function scoreBadge(score) {
  if (score === null || score === undefined) return h('span', { class: 'muted' }, '—');
  return h('span', { class: `score score-${scoreBand(score)}` }, String(score));
}

export function scoreBand(score) {
  if (score >= 80) return 'good';
  if (score >= 60) return 'fair';
  return 'poor';
}

const MARKERS = { completed: 'check', failed: 'x', cancelled: 'stop' };

// `finished`: the task is over, so a step still pending will never run (not "waiting").
export function timeline(agents, finished = false) {
  return h('ol', { class: 'timeline' }, agents.map((agent, index) => {
    const skipped = finished && agent.status === 'pending';
    const marker = agent.status === 'running'
      ? spinner()
      : MARKERS[agent.status] ? icon(MARKERS[agent.status]) : h('span', {}, String(index + 1));
    const meta = [];
    if (agent.startedAt) meta.push(h('span', {}, icon('clock'), t('task.agent.start', { time: formatTime(agent.startedAt) })));
    if (agent.durationMs !== null && agent.durationMs !== undefined) {
      meta.push(h('span', {}, t('task.agent.duration', { t: formatDuration(agent.durationMs) })));
    } else if (agent.status === 'running' && agent.startedAt) {
      meta.push(h('span', { dataset: { since: agent.startedAt } }, formatElapsed(Date.now() - Date.parse(agent.startedAt))));
    }
    return h('li', { class: `agent agent-${agent.status}`, dataset: { agent: agent.agentType, status: agent.status } },
      h('span', { class: 'agent-marker', 'aria-hidden': 'true' }, marker),
      h('div', { class: 'agent-body' },
        h('div', { class: 'agent-head' },
          h('h3', { class: 'agent-name' }, t(`agent.${agent.agentType}`)),
          h('span', { class: 'agent-status' }, t(skipped ? 'agentStatus.skipped' : `agentStatus.${agent.status}`))),
        meta.length ? h('p', { class: 'agent-meta' }, meta) : null,
        summary(agent) ? h('p', { class: 'agent-summary' }, summary(agent)) : null,
        agent.errorMessage ? h('p', { class: 'agent-error' }, icon('alert'), h('span', {}, readable(agent.errorMessage))) : null,
        agent.status === 'pending' && index > 0 && !skipped ? h('p', { class: 'agent-waiting' }, t('task.agent.waiting')) : null));
  }));
}

// English summaries are rebuilt from the agent's metadata; the server writes them in Chinese.
function summary(agent) {
  const text = agent.resultSummary;
  if (!text || lang() !== 'en') return text;
  const m = agent.metadata || {};
  const has = (...keys) => keys.every((k) => typeof m[k] === 'number');
  switch (agent.agentType) {
    case 'plan':
      return has('entityCount', 'endpointCount') ? `Found ${m.entityCount} entities and ${m.endpointCount} API endpoints` : text;
    case 'execute':
      return has('modelCount', 'relationCount', 'endpointCount', 'pageCount')
        ? `AppSpec: ${m.modelCount} models, ${m.relationCount} relations, ${m.endpointCount} API endpoints, ${m.pageCount} pages` : text;
    case 'validate':
      return has('qualityScore', 'errorCount', 'warningCount')
        ? `Quality score ${m.qualityScore}, ${m.errorCount} errors, ${m.warningCount} warnings` : text;
    case 'generate':
      return has('fileCount', 'kotlinFiles') ? `${m.fileCount} files (${m.kotlinFiles} Kotlin)` : text;
    default:
      return text;
  }
}

export function usageCard(usage, agents) {
  const offline = agents.some((a) => a.metadata?.brain === 'offline');
  const parts = ['plan', 'execute', 'validate'].map((k) => ({ key: k, value: usage[`${k}Tokens`] || 0 }));
  const total = usage.totalTokens || 0;
  let cost;
  if (usage.estimatedCost === null || usage.estimatedCost === undefined) cost = h('span', { class: 'muted' }, t('task.usage.costUnknown'));
  else cost = h('span', { class: 'mono' }, formatCost(usage.estimatedCost));
  return h('div', { class: 'usage' },
    h('div', { class: 'usage-bar', 'aria-hidden': 'true' },
      parts.map((p) => h('span', { class: `usage-seg seg-${p.key}`, style: { flexGrow: String(total ? p.value : 0) } }))),
    h('dl', { class: 'usage-list' },
      parts.map((p) => h('div', { class: 'usage-row' },
        h('dt', {}, h('span', { class: `swatch seg-${p.key}`, 'aria-hidden': 'true' }), t(`task.usage.${p.key}`)),
        h('dd', { class: 'mono' }, formatNumber(p.value)))),
      h('div', { class: 'usage-row usage-total' }, h('dt', {}, t('task.usage.total')), h('dd', { class: 'mono', dataset: { usage: 'total' } }, formatNumber(total))),
      h('div', { class: 'usage-row' }, h('dt', {}, t('task.usage.cost')), h('dd', { dataset: { usage: 'cost' } }, cost))),
    offline && total === 0 ? h('p', { class: 'muted small' }, t('task.usage.offline')) : null);
}

export function qualityCard(score, report, finished = false) {
  if (score === null || score === undefined) {
    return h('p', { class: 'muted' }, t(finished ? 'task.quality.none' : 'task.quality.pending'));
  }
  const ring = h('div', { class: `score-ring score-${scoreBand(score)}`, role: 'img', 'aria-label': `${t('task.quality')} ${score}/100` },
    h('span', { class: 'score-ring-value' }, String(score)), h('span', { class: 'score-ring-max' }, '/100'));
  ring.style.setProperty('--score', String(score));
  const issues = report ? [...(report.errors || []).map((f) => ({ ...f, kind: 'error' })), ...(report.warnings || []).map((f) => ({ ...f, kind: 'warning' }))] : [];
  return h('div', { class: 'quality' },
    h('div', { class: 'quality-head' }, ring,
      report ? h('div', { class: 'quality-facts' },
        h('p', { class: report.isValid ? 'ok-text' : 'bad-text' }, icon(report.isValid ? 'check' : 'alert'), t(report.isValid ? 'task.quality.valid' : 'task.quality.invalid')),
        h('p', { class: 'muted small' }, t('task.quality.errors', { n: (report.errors || []).length }), ' · ', t('task.quality.warnings', { n: (report.warnings || []).length }))) : null),
    report?.breakdown?.length ? h('ul', { class: 'breakdown' }, report.breakdown.map((d) => breakdownRow(d))) : null,
    issues.length ? h('details', { class: 'issues', open: !report.isValid },
      h('summary', {}, t('task.quality.issues'), h('span', { class: 'count' }, String(issues.length))),
      h('ul', {}, issues.map((f) => h('li', { class: `issue issue-${f.kind}` },
        h('p', { class: 'issue-message' }, icon('alert'), h('span', {}, f.message)),
        h('p', { class: 'issue-path mono' }, `${f.code} · ${f.path}`),
        f.suggestion ? h('p', { class: 'issue-suggestion' }, t('task.quality.suggestion', { s: f.suggestion })) : null)))) : null);
}

const DIMENSIONS_EN = {
  completeness: 'Completeness', consistency: 'Consistency', naming: 'Naming', api_coverage: 'API coverage',
  ui_coverage: 'UI coverage', security: 'Access control', review: 'LLM review',
};

function breakdownRow(dim) {
  const label = lang() === 'en' ? DIMENSIONS_EN[dim.name] || dim.label : dim.label;
  const bar = h('span', { class: `breakdown-fill score-${scoreBand(dim.score)}` });
  bar.style.width = `${dim.score}%`;
  return h('li', { class: 'breakdown-row', dataset: { dimension: dim.name } },
    h('div', { class: 'breakdown-head' },
      h('span', { class: 'breakdown-label' }, label),
      h('span', { class: 'breakdown-weight muted' }, t('task.quality.weight', { w: Math.round(dim.weight * 100) })),
      h('span', { class: 'breakdown-score mono' }, String(dim.score))),
    h('span', { class: 'breakdown-track', role: 'meter', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': String(dim.score), 'aria-label': label }, bar),
    dim.notes?.length ? h('ul', { class: 'breakdown-notes' }, dim.notes.map((n) => h('li', {}, n))) : null);
}

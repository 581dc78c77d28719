// DOM building and formatting. Text is always inserted as text nodes: task names, requirements
// and generated code come from users and must never be parsed as HTML.
import { lang, locale, t } from './i18n.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  setProps(el, props);
  append(el, children);
  return el;
}

function setProps(el, props) {
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'style') Object.assign(el.style, value);
    else if (key === 'value') el.value = value;
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key in el && typeof value !== 'string') el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

// A few line icons (24x24, stroked), drawn with DOM calls so the CSP needs no inline markup.
const ICONS = {
  check: ['M5 12.5l4.5 4.5L19 7.5'],
  x: ['M6 6l12 12', 'M18 6L6 18'],
  stop: ['M8 8h8v8H8z'],
  clock: ['M12 7v5l3 2', 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18'],
  download: ['M12 4v11', 'M7 10.5l5 5 5-5', 'M5 20h14'],
  plus: ['M12 5v14', 'M5 12h14'],
  list: ['M9 6h11', 'M9 12h11', 'M9 18h11', 'M4.5 6h.01', 'M4.5 12h.01', 'M4.5 18h.01'],
  back: ['M15 5l-7 7 7 7'],
  next: ['M9 5l7 7-7 7'],
  external: ['M14 4h6v6', 'M20 4l-9 9', 'M18 14v5H5V6h5'],
  folder: ['M3 6.5h6l2 2h10v10.5H3z'],
  file: ['M6 3h8l4 4v14H6z', 'M14 3v4h4'],
  copy: ['M9 9h11v11H9z', 'M5 15V4h11'],
  alert: ['M12 3l9.5 17h-19z', 'M12 10v4.5', 'M12 17.5h.01'],
  info: ['M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18', 'M12 11v6', 'M12 7.5h.01'],
  logout: ['M15 4h4v16h-4', 'M10 8l-4 4 4 4', 'M6 12h10'],
  eye: ['M2.5 12s3.5-6.5 9.5-6.5 9.5 6.5 9.5 6.5-3.5 6.5-9.5 6.5S2.5 12 2.5 12z', 'M12 9.5a2.5 2.5 0 1 0 0 5a2.5 2.5 0 1 0 0-5'],
  phone: ['M8 3h8v18H8z', 'M11 18h2'],
  monitor: ['M3 5h18v11H3z', 'M9 20h6', 'M12 16v4'],
  globe: ['M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18', 'M3 12h18', 'M12 3c3 3.5 3 14.5 0 18', 'M12 3c-3 3.5-3 14.5 0 18'],
  spark: ['M12 3l2.2 6.8L21 12l-6.8 2.2L12 21l-2.2-6.8L3 12l6.8-2.2z'],
};

export function icon(name, cls = '') {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', `icon ${cls}`.trim());
  for (const d of ICONS[name] || []) {
    const path = document.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}

export function spinner(label) {
  return h('span', { class: 'spinner', role: label ? 'status' : null, 'aria-label': label || null });
}

// Counts what the server counts: Python's len() is code points, JS .length is UTF-16 units.
export function codePoints(text) {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}

export function formatNumber(n) {
  return new Intl.NumberFormat(locale()).format(n ?? 0);
}

export function formatDuration(ms) {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return t('unit.ms', { n: Math.max(0, Math.round(ms)) });
  const total = ms / 1000;
  if (total < 60) return t('unit.s', { n: total < 10 ? total.toFixed(1) : Math.round(total) });
  const seconds = Math.round(total);
  if (seconds < 3600) return t('unit.m', { m: Math.floor(seconds / 60), s: seconds % 60 });
  return t('unit.h', { h: Math.floor(seconds / 3600), m: Math.floor((seconds % 3600) / 60) });
}

// Whole seconds: a clock that ticks every second should not show milliseconds.
export function formatElapsed(ms) {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  return seconds < 60 ? t('unit.s', { n: seconds }) : formatDuration(seconds * 1000);
}

export function formatTime(iso) {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale(), {
    hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
  }).format(new Date(iso));
}

export function formatDateTime(iso) {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale(), {
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
  }).format(new Date(iso));
}

export function formatRelative(iso) {
  if (!iso) return '—';
  const seconds = (new Date(iso).getTime() - Date.now()) / 1000;
  const rtf = new Intl.RelativeTimeFormat(locale(), { numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 45) return rtf.format(0, 'second');
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(seconds / 3600), 'hour');
  if (abs < 86400 * 7) return rtf.format(Math.round(seconds / 86400), 'day');
  return formatDateTime(iso);
}

export function formatBytes(n) {
  if (n < 1024) return lang() === 'en' ? `${n} B` : `${n} 字节`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function formatCost(cost) {
  if (cost === 0) return '$0';
  const digits = cost < 0.01 ? 4 : 2;
  return '$' + cost.toFixed(digits);
}

export function toast(message, kind = 'info') {
  const host = document.getElementById('toasts');
  if (!host) return;
  const node = h('div', { class: `toast toast-${kind}` }, icon(kind === 'error' ? 'alert' : 'check'), h('span', {}, message));
  host.append(node);
  setTimeout(() => node.classList.add('leaving'), 3200);
  setTimeout(() => node.remove(), 3600);
}

export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

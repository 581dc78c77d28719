// Form fields with a label, a hint and an error slot wired for assistive technology, and the
// banner used for errors that belong to no single field.
import { h, icon, replace } from './dom.js';

// `control` is what is placed in the field; `input` (default: the control) is what the label
// names and what carries aria-invalid / aria-describedby.
export function field({ id, label, control, input = control, hint = null, optional = null, after = null, status = null, describedBy = [] }) {
  const hintEl = hint ? h('p', { class: 'field-hint', id: `${id}-hint` }, hint) : null;
  const errorEl = h('p', { class: 'field-error', id: `${id}-error`, hidden: true, 'aria-live': 'polite' });
  const okEl = status ? h('p', { class: 'field-ok', id: `${id}-ok`, hidden: true }, icon('check'), h('span', {}, status)) : null;
  input.id = id;
  const describe = () => {
    const ids = [...describedBy, hintEl && hintEl.id, !errorEl.hidden && errorEl.id, okEl && !okEl.hidden && okEl.id].filter(Boolean);
    if (ids.length) input.setAttribute('aria-describedby', ids.join(' '));
    else input.removeAttribute('aria-describedby');
  };
  const wrap = h('div', { class: 'field', dataset: { field: id } },
    h('div', { class: 'field-label-row' },
      h('label', { for: id, class: 'field-label' }, label, optional ? h('span', { class: 'field-optional' }, optional) : null),
      after),
    control, hintEl, errorEl, okEl);
  describe();
  return {
    wrap,
    input,
    setError(message) {
      errorEl.replaceChildren(icon('alert'), h('span', {}, message));
      errorEl.hidden = false;
      if (okEl) okEl.hidden = true;
      input.setAttribute('aria-invalid', 'true');
      wrap.classList.add('has-error');
      describe();
    },
    setOk(show) {
      if (okEl) okEl.hidden = !show;
      describe();
    },
    clear() {
      errorEl.hidden = true;
      errorEl.replaceChildren();
      input.removeAttribute('aria-invalid');
      wrap.classList.remove('has-error');
      describe();
    },
    get error() {
      return errorEl.hidden ? null : errorEl.textContent;
    },
  };
}

export function banner(kind, title, message = null, actions = []) {
  return h('div', { class: `banner banner-${kind}`, role: kind === 'error' ? 'alert' : 'status' },
    icon(kind === 'error' ? 'alert' : 'info'),
    h('div', { class: 'banner-body' },
      title ? h('p', { class: 'banner-title' }, title) : null,
      message ? h('p', { class: 'banner-text' }, message) : null),
    actions.length ? h('div', { class: 'banner-actions' }, actions) : null);
}

export function showBanner(host, node) {
  replace(host, node);
  host.hidden = !node;
}

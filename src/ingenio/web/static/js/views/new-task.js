// The new-task form: every option of POST /generate/async, checked as the user types, with the
// server's verdict shown next to the field it concerns. The draft survives navigation and the
// language switch (sessionStorage), so nothing typed is ever lost.
import { AGENTS, ApiError, endpoints } from '../api.js';
import { codePoints, formatElapsed, h, icon, spinner, toast } from '../dom.js';
import { banner, field, showBanner } from '../form.js';
import { t } from '../i18n.js';
import { fieldOf, readable } from '../messages.js';
import { packageNameError } from '../package-name.js';

const MAX_CHARS = 5000;
const DRAFT_KEY = 'ingenio.draft';
const DEFAULTS = { userRequirement: '', skipValidation: false, qualityThreshold: 70, generatePreview: true, packageName: '' };

function loadDraft() {
  try {
    return { ...DEFAULTS, ...JSON.parse(sessionStorage.getItem(DRAFT_KEY) || '{}') };
  } catch {
    return { ...DEFAULTS };
  }
}

function saveDraft(draft) {
  try {
    sessionStorage.setItem(DRAFT_KEY, JSON.stringify(draft));
  } catch {
    // Storage full or refused: the form still works, only the draft is not kept.
  }
}

export function mountNewTask(root, { query, navigate }) {
  const draft = loadDraft();
  const controller = new AbortController();

  // Requirement, with a live count of the 5000 characters the API accepts.
  const counter = h('span', { class: 'char-count', id: 'requirement-count' });
  const textarea = h('textarea', {
    name: 'userRequirement', rows: 7, value: draft.userRequirement,
    placeholder: t('new.requirementPlaceholder'), required: true,
    oninput: () => { requirement.clear(); sync(); },
    onkeydown: (e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) form.requestSubmit(); },
  });
  const requirement = field({
    id: 'userRequirement', label: t('new.requirement'), control: textarea, after: counter, describedBy: [counter.id],
  });
  const examples = h('div', { class: 'examples' },
    h('span', { class: 'examples-label' }, t('new.examples')),
    ['library', 'market', 'course'].map((key) => h('button', {
      type: 'button', class: 'chip',
      onclick: () => { textarea.value = t(`example.${key}.text`); requirement.clear(); sync(); textarea.focus(); },
    }, t(`example.${key}`))));

  // Quality threshold slider, with its value shown beside it.
  const thresholdOut = h('output', { class: 'range-value', for: 'qualityThreshold' });
  const slider = h('input', {
    type: 'range', name: 'qualityThreshold', min: '0', max: '100', step: '1',
    value: String(draft.qualityThreshold), oninput: () => { threshold.clear(); sync(); },
  });
  const threshold = field({
    id: 'qualityThreshold', label: t('new.threshold'), hint: t('new.thresholdHint'),
    control: h('div', { class: 'range-row' }, slider, thresholdOut), input: slider,
  });

  const toggle = (name, checked) => {
    const input = h('input', { type: 'checkbox', role: 'switch', name, checked, onchange: () => { box.clear(); sync(); } });
    const box = field({
      id: name, label: t(`new.${name}`), hint: t(`new.${name}Hint`),
      control: h('span', { class: 'switch' }, input, h('span', { class: 'switch-track', 'aria-hidden': 'true' })),
      input,
    });
    box.wrap.classList.add('field-switch');
    return box;
  };
  const skip = toggle('skipValidation', draft.skipValidation);
  const preview = toggle('generatePreview', draft.generatePreview);

  const packageInput = h('input', {
    type: 'text', name: 'packageName', value: draft.packageName, placeholder: t('new.packagePlaceholder'),
    autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false', inputmode: 'url',
    oninput: () => { sync(); checkPackage(); },
    onblur: () => checkPackage(),
  });
  const pkg = field({
    id: 'packageName', label: t('new.packageName'), optional: t('new.packageOptional'),
    hint: t('new.packageHint'), control: packageInput, status: t('new.packageOk'),
  });

  const formError = h('div', { class: 'form-banner', hidden: true });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-lg' },
    icon('spark'), h('span', {}, t('new.submit')));
  const fields = { userRequirement: requirement, qualityThreshold: threshold, skipValidation: skip, generatePreview: preview, packageName: pkg };

  const form = h('form', { class: 'task-form card', novalidate: true, onsubmit: onSubmit, 'aria-labelledby': 'new-title' },
    formError,
    requirement.wrap,
    examples,
    h('fieldset', { class: 'options' },
      h('legend', {}, t('new.options')),
      h('div', { class: 'options-grid' }, threshold.wrap, pkg.wrap, skip.wrap, preview.wrap)),
    h('div', { class: 'form-actions' },
      h('span', { class: 'shortcut-hint' }, t('new.shortcut')), submit));

  root.append(h('div', { class: 'page' },
    h('header', { class: 'page-header' },
      h('div', {}, h('h1', { id: 'new-title' }, t('new.title')), h('p', { class: 'lead' }, t('new.lead')))),
    h('div', { class: 'new-layout' },
      form,
      h('aside', { class: 'card how-card', 'aria-labelledby': 'how-title' },
        h('h2', { id: 'how-title' }, t('new.how')),
        h('p', { class: 'muted' }, t('new.howLead')),
        h('ol', { class: 'steps' }, AGENTS.map((a, i) => h('li', { class: 'step' },
          h('span', { class: 'step-index', 'aria-hidden': 'true' }, String(i + 1)),
          h('div', {}, h('p', { class: 'step-name' }, t(`agent.${a}`)), h('p', { class: 'step-text' }, t(`new.step.${a}`))))))))));

  function sync() {
    const count = codePoints(textarea.value);
    counter.textContent = count > MAX_CHARS ? t('new.countOver', { n: count - MAX_CHARS }) : t('new.count', { n: count, max: MAX_CHARS });
    counter.classList.toggle('over', count > MAX_CHARS);
    counter.classList.toggle('near', count > MAX_CHARS * 0.9 && count <= MAX_CHARS);
    thresholdOut.textContent = slider.value;
    slider.style.setProperty('--fill', `${slider.value}%`);
    threshold.wrap.classList.toggle('dimmed', skip.input.checked);
    saveDraft(values());
  }

  function values() {
    return {
      userRequirement: textarea.value,
      skipValidation: skip.input.checked,
      qualityThreshold: Number(slider.value),
      generatePreview: preview.input.checked,
      packageName: packageInput.value,
    };
  }

  function checkPackage() {
    const message = packageNameError(packageInput.value);
    if (message) pkg.setError(message);
    else pkg.clear();
    pkg.setOk(!message && packageInput.value.trim() !== '');
  }

  if (query.get('from') && !draft.userRequirement) {
    endpoints.status(query.get('from'), controller.signal).then((task) => {
      textarea.value = task.userRequirement;
      sync();
    }).catch(() => {});
  }
  sync();
  if (packageInput.value) checkPackage();
  textarea.focus();

  let busy = false;
  // The server is the authority: the form always asks it, and shows its answer beside the field
  // concerned. The as-you-type checks above only save a round trip's worth of surprise.
  async function onSubmit(event) {
    event.preventDefault();
    if (busy) return;
    busy = true;
    submit.disabled = true;
    submit.setAttribute('aria-busy', 'true');
    submit.replaceChildren(spinner(), h('span', {}, t('new.submitting')));
    showBanner(formError, null);
    Object.values(fields).forEach((f) => { if (f !== pkg) f.clear(); });
    const body = values();
    body.packageName = body.packageName.trim() || null;
    try {
      const id = await endpoints.create(body);
      saveDraft({ ...DEFAULTS, skipValidation: body.skipValidation, qualityThreshold: body.qualityThreshold, generatePreview: body.generatePreview });
      toast(t('new.created'));
      navigate(`#/tasks/${id}`);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const target = fields[fieldOf(error.message)];
      const message = readable(error.message);
      if (target && error.status === 400) {
        target.setError(message);
        target.input.focus();
      } else {
        const wait = error.retryAfter ? t('new.retryAfter', { t: formatElapsed(error.retryAfter * 1000) }) : null;
        showBanner(formError, banner('error', message, wait));
        formError.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
      }
    } finally {
      busy = false;
      if (submit.isConnected) {
        submit.disabled = false;
        submit.removeAttribute('aria-busy');
        submit.replaceChildren(icon('spark'), h('span', {}, t('new.submit')));
      }
    }
  }

  return () => controller.abort();
}


// Log in and register: one card, two modes. A 401 anywhere lands here with ?expired=1 and the
// page to return to in ?next=.
import { ApiError, endpoints, session } from '../api.js';
import { h, icon, spinner, toast } from '../dom.js';
import { banner, field, showBanner } from '../form.js';
import { t } from '../i18n.js';
import { fieldOf, readable } from '../messages.js';

// Only our own routes: a crafted link must not send a fresh login anywhere else.
export function safeNext(next) {
  return next && /^#\/[\w/?=&%.-]*$/.test(next) && !next.startsWith('#/login') ? next : '#/new';
}

const remembered = { username: '' };

export function mountAuth(root, { query, navigate }, mode) {
  const isLogin = mode === 'login';
  const next = safeNext(query.get('next'));
  const keep = next !== '#/new' ? `?next=${encodeURIComponent(next)}` : '';

  const username = field({
    id: 'username',
    label: t('auth.username'),
    hint: isLogin ? null : t('auth.usernameHint'),
    control: h('input', {
      type: 'text', name: 'username', autocomplete: 'username', required: true,
      autocapitalize: 'none', spellcheck: 'false', value: remembered.username,
      oninput: (e) => { remembered.username = e.target.value; username.clear(); },
    }),
  });
  const passwordInput = h('input', {
    type: 'password', name: 'password', required: true,
    autocomplete: isLogin ? 'current-password' : 'new-password',
    oninput: () => password.clear(),
  });
  const reveal = h('button', {
    type: 'button', class: 'btn btn-ghost btn-icon reveal', 'aria-label': t('auth.showPassword'),
    'aria-pressed': 'false',
    onclick: () => {
      const shown = passwordInput.type === 'text';
      passwordInput.type = shown ? 'password' : 'text';
      reveal.setAttribute('aria-pressed', String(!shown));
      reveal.setAttribute('aria-label', t(shown ? 'auth.showPassword' : 'auth.hidePassword'));
    },
  }, icon('eye'));
  const password = field({
    id: 'password',
    label: t('auth.password'),
    hint: isLogin ? null : t('auth.passwordHint'),
    control: h('div', { class: 'input-with-button' }, passwordInput, reveal),
    input: passwordInput,
  });

  const formError = h('div', { class: 'form-banner', hidden: true });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block' },
    h('span', {}, t(isLogin ? 'auth.submitLogin' : 'auth.submitRegister')));

  const form = h('form', { class: 'auth-form', novalidate: true, onsubmit: onSubmit },
    formError, username.wrap, password.wrap, submit);

  if (query.has('expired')) showBanner(formError, banner('info', t('auth.expired')));

  const card = h('section', { class: 'auth-card card', 'aria-labelledby': 'auth-title' },
    h('div', { class: 'auth-tabs', role: 'navigation' },
      h('a', { href: `#/login${keep}`, class: 'auth-tab', 'aria-current': isLogin ? 'page' : null }, t('auth.login')),
      h('a', { href: `#/register${keep}`, class: 'auth-tab', 'aria-current': isLogin ? null : 'page' }, t('auth.register'))),
    h('h1', { id: 'auth-title' }, t(isLogin ? 'auth.loginTitle' : 'auth.registerTitle')),
    h('p', { class: 'lead' }, t(isLogin ? 'auth.loginLead' : 'auth.registerLead')),
    form,
    h('p', { class: 'auth-switch' },
      t(isLogin ? 'auth.toRegister' : 'auth.toLogin'), ' ',
      h('a', { href: isLogin ? `#/register${keep}` : `#/login${keep}` }, t(isLogin ? 'auth.toRegisterLink' : 'auth.toLoginLink'))));

  root.append(h('div', { class: 'auth-page' },
    h('div', { class: 'auth-hero', 'aria-hidden': 'true' },
      h('p', { class: 'auth-hero-title' }, 'ingenio'),
      h('p', { class: 'auth-hero-text' }, t('app.tagline')),
      h('ol', { class: 'auth-hero-steps' },
        ['plan', 'execute', 'validate', 'generate'].map((a) => h('li', {}, h('strong', {}, t(`agent.${a}`)), h('span', {}, t(`new.step.${a}`)))))),
    card));
  (remembered.username ? passwordInput : username.input).focus();

  let busy = false;
  async function onSubmit(event) {
    event.preventDefault();
    if (busy) return;
    username.clear();
    password.clear();
    showBanner(formError, null);
    busy = true;
    submit.disabled = true;
    submit.prepend(spinner());
    try {
      const creds = { username: username.input.value.trim(), password: passwordInput.value };
      const auth = isLogin ? await endpoints.login(creds) : await endpoints.register(creds);
      session.set(auth);
      remembered.username = '';
      toast(t('auth.welcome', { name: auth.username }));
      navigate(next);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const target = { username, password }[fieldOf(error.message)];
      if (target) {
        target.setError(readable(error.message));
        target.input.focus();
      } else {
        showBanner(formError, banner('error', readable(error.message)));
      }
    } finally {
      busy = false;
      submit.disabled = false;
      submit.querySelector('.spinner')?.remove();
    }
  }
}

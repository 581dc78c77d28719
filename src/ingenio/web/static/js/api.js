// The API client: the envelope {code, message, data, timestamp}, the bearer token, and 401s.
import { t } from './i18n.js';

const AUTH_KEY = 'ingenio.auth';
const BASE = '/api/v1';

export class ApiError extends Error {
  constructor(status, message, retryAfter = null) {
    super(message);
    this.status = status;
    this.retryAfter = retryAfter;
  }
}

export const session = {
  get() {
    try {
      const auth = JSON.parse(localStorage.getItem(AUTH_KEY) || 'null');
      if (!auth || !auth.token) return null;
      if (auth.expiresAt && Date.parse(auth.expiresAt) <= Date.now()) {
        localStorage.removeItem(AUTH_KEY);
        return null;
      }
      return auth;
    } catch {
      return null;
    }
  },
  set(auth) {
    localStorage.setItem(AUTH_KEY, JSON.stringify({
      token: auth.token, username: auth.username, expiresAt: auth.expiresAt,
    }));
  },
  clear() {
    localStorage.removeItem(AUTH_KEY);
  },
};

export async function api(path, { method = 'GET', body, signal, auth = true } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const current = session.get();
  if (auth && current) headers.Authorization = `Bearer ${current.token}`;
  let response;
  try {
    response = await fetch(BASE + path, {
      method, headers, signal, body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new ApiError(0, t('common.network'));
  }
  let envelope = null;
  try {
    envelope = await response.json();
  } catch {
    // A proxy's HTML error page, for example: reported below by status alone.
  }
  if (response.ok && envelope && envelope.code === 200) return envelope.data;
  const message = envelope?.message || t('common.server', { code: response.status });
  if (response.status === 401 && auth) {
    session.clear();
    window.dispatchEvent(new CustomEvent('ingenio:unauthorized'));
  }
  const retry = Number(response.headers.get('Retry-After'));
  throw new ApiError(response.status, message, Number.isFinite(retry) && retry > 0 ? retry : null);
}

export const endpoints = {
  register: (creds) => api('/auth/register', { method: 'POST', body: creds, auth: false }),
  login: (creds) => api('/auth/login', { method: 'POST', body: creds, auth: false }),
  create: (body) => api('/generate/async', { method: 'POST', body }),
  status: (id, signal) => api(`/generate/status/${encodeURIComponent(id)}`, { signal }),
  cancel: (id) => api(`/generate/cancel/${encodeURIComponent(id)}`, { method: 'POST' }),
  tasks: ({ page, size, status }, signal) => {
    const query = new URLSearchParams({ pageNum: String(page), pageSize: String(size) });
    if (status) query.set('status', status);
    return api(`/generate/tasks?${query}`, { signal });
  },
  streamToken: (id) => api(`/generate/events/${encodeURIComponent(id)}/token`, { method: 'POST' }),
  streamUrl: (id, token) => `${BASE}/generate/events/${encodeURIComponent(id)}?token=${encodeURIComponent(token)}`,
  result: (id, signal) => api(`/generate/result/${encodeURIComponent(id)}`, { signal }),
  file: (id, path, signal) => api(
    `/generate/files/${encodeURIComponent(id)}?path=${encodeURIComponent(path)}`, { signal },
  ),
};

export const TERMINAL = new Set(['completed', 'failed', 'cancelled']);
export const STATUSES = ['pending', 'planning', 'executing', 'validating', 'generating', 'completed', 'failed', 'cancelled'];
export const AGENTS = ['plan', 'execute', 'validate', 'generate'];

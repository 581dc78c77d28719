// Chinese first, English on request; the choice is remembered in localStorage.
import { en } from './strings-en.js';
import { zh } from './strings-zh.js';

const STORE_KEY = 'ingenio.lang';

const TABLES = { zh, en };
let current = readStored();

function readStored() {
  try {
    return localStorage.getItem(STORE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export function lang() {
  return current;
}

export function locale() {
  return current === 'en' ? 'en' : 'zh-CN';
}

export function setLang(next) {
  current = next === 'en' ? 'en' : 'zh';
  try {
    localStorage.setItem(STORE_KEY, current);
  } catch {
    // Private mode may refuse storage; the switch still applies to this page.
  }
  applyDocumentLang();
  window.dispatchEvent(new CustomEvent('ingenio:lang'));
}

export function applyDocumentLang() {
  document.documentElement.lang = locale();
  document.title = current === 'en' ? 'ingenio · app generator' : 'ingenio · 应用生成';
}

export function t(key, params = {}) {
  const text = TABLES[current][key] ?? zh[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in params ? String(params[name]) : `{${name}}`));
}

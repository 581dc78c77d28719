// The generated project's file tree and a code viewer. Files are read one at a time from
// /generate/files (the ZIP stays on the server); a file read once is kept for the page's life.
import { ApiError, endpoints } from '../api.js';
import { copyText, formatBytes, h, icon, replace, spinner, toast } from '../dom.js';
import { banner } from '../form.js';
import { highlight, languageOf } from '../highlight.js';
import { t } from '../i18n.js';
import { readable } from '../messages.js';

export function fileBrowser(taskId, manifest) {
  const files = manifest.map((f) => ({ ...f }));
  const root = commonRoot(files.map((f) => f.path));
  files.forEach((f) => { f.rel = f.path.slice(root.length); });
  const cache = new Map();
  let selected = null;
  let controller = null;

  const filter = h('input', {
    type: 'search', class: 'files-filter', placeholder: t('task.files.filter'), 'aria-label': t('task.files.filter'),
    oninput: () => renderTree(),
  });
  const tree = h('div', { class: 'tree', onkeydown: onTreeKey });
  const viewer = h('div', { class: 'viewer', 'aria-live': 'polite' }, h('p', { class: 'viewer-empty muted' }, t('task.files.pick')));
  const node = h('div', { class: 'files' },
    h('div', { class: 'files-side' },
      filter,
      h('p', { class: 'files-count muted small' }, root ? h('span', { class: 'mono' }, root) : null, t('task.files.count', { n: files.length })),
      tree),
    viewer);

  function renderTree() {
    const q = filter.value.trim().toLowerCase();
    if (q) {
      const hits = files.filter((f) => f.rel.toLowerCase().includes(q));
      replace(tree, hits.length
        ? h('ul', { class: 'tree-list' }, hits.map((f) => h('li', {}, fileButton(f, f.rel))))
        : h('p', { class: 'muted small' }, t('task.files.noMatch')));
      return;
    }
    replace(tree, branch(buildTree(files)));
  }

  function branch(dir) {
    return h('ul', { class: 'tree-list' },
      [...dir.dirs.values()].map((sub) => {
        const children = branch(sub);
        const toggle = h('button', {
          type: 'button', class: 'tree-dir', 'aria-expanded': 'true',
          onclick: () => {
            const open = toggle.getAttribute('aria-expanded') === 'true';
            toggle.setAttribute('aria-expanded', String(!open));
            children.hidden = open;
          },
        }, h('span', { class: 'caret', 'aria-hidden': 'true' }), icon('folder'), h('span', { class: 'tree-name' }, sub.name));
        return h('li', {}, toggle, children);
      }),
      dir.files.map((f) => h('li', {}, fileButton(f, f.rel.split('/').pop()))));
  }

  function fileButton(file, label) {
    return h('button', {
      type: 'button', class: 'tree-file', title: file.rel, dataset: { path: file.path },
      'aria-current': selected === file.path ? 'true' : null, onclick: () => open(file),
    }, icon('file'), h('span', { class: 'tree-name' }, label));
  }

  async function open(file) {
    selected = file.path;
    tree.querySelectorAll('.tree-file').forEach((b) => {
      if (b.dataset.path === file.path) b.setAttribute('aria-current', 'true');
      else b.removeAttribute('aria-current');
    });
    controller?.abort();
    controller = new AbortController();
    if (!cache.has(file.path)) {
      replace(viewer, h('p', { class: 'viewer-empty muted' }, spinner(), ' ', t('task.files.loading')));
      try {
        cache.set(file.path, await endpoints.file(taskId, file.path, controller.signal));
      } catch (error) {
        if (error.name === 'AbortError' || selected !== file.path) return;
        replace(viewer, banner('error', file.rel, error instanceof ApiError ? readable(error.message) : String(error)));
        return;
      }
    }
    if (selected !== file.path) return;
    showCode(file, cache.get(file.path).content);
  }

  function showCode(file, content) {
    const lines = highlight(content, languageOf(file.path));
    const copy = h('button', {
      type: 'button', class: 'btn btn-sm btn-ghost',
      onclick: async () => toast(await copyText(content) ? t('task.copied') : t('common.error'), 'info'),
    }, icon('copy'), h('span', {}, t('task.files.copy')));
    replace(viewer,
      h('div', { class: 'viewer-head' },
        h('p', { class: 'viewer-path mono', title: file.path }, file.rel),
        h('span', { class: 'muted small' }, t('task.files.lines', { n: lines.length }), ' · ', formatBytes(file.size)),
        copy),
      h('pre', { class: `code lang-${languageOf(file.path)}`, tabindex: '0', 'aria-label': file.rel },
        h('code', {}, lines)));
  }

  function onTreeKey(event) {
    const buttons = [...tree.querySelectorAll('button')].filter((b) => b.offsetParent !== null);
    const index = buttons.indexOf(document.activeElement);
    if (index < 0) return;
    const current = buttons[index];
    const move = { ArrowDown: 1, ArrowUp: -1 }[event.key];
    if (move) {
      buttons[Math.min(buttons.length - 1, Math.max(0, index + move))].focus();
      event.preventDefault();
    } else if (current.classList.contains('tree-dir') && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) {
      const open = current.getAttribute('aria-expanded') === 'true';
      if (open === (event.key === 'ArrowLeft')) current.click();
      event.preventDefault();
    }
  }

  renderTree();
  const first = files.find((f) => f.rel.toLowerCase() === 'readme.md') || files[0];
  if (first) open(first);
  return { node, destroy: () => controller?.abort() };
}

function commonRoot(paths) {
  if (!paths.length) return '';
  const first = paths[0].split('/');
  if (first.length < 2) return '';
  const top = first[0] + '/';
  return paths.every((p) => p.startsWith(top)) ? top : '';
}

// Directories first, then files; a chain of single-child directories is shown as one node
// (src/main/kotlin/com/example/app), as code editors do.
function buildTree(files) {
  const root = { name: '', dirs: new Map(), files: [] };
  for (const file of files) {
    const parts = file.rel.split('/');
    let dir = root;
    for (const part of parts.slice(0, -1)) {
      if (!dir.dirs.has(part)) dir.dirs.set(part, { name: part, dirs: new Map(), files: [] });
      dir = dir.dirs.get(part);
    }
    dir.files.push(file);
  }
  const compact = (dir) => {
    for (const [key, sub] of dir.dirs) {
      let node = sub;
      while (node.files.length === 0 && node.dirs.size === 1) {
        const [only] = node.dirs.values();
        node = { ...only, name: `${node.name}/${only.name}` };
      }
      compact(node);
      dir.dirs.set(key, node);
    }
    dir.dirs = new Map([...dir.dirs.entries()].sort(([a], [b]) => a.localeCompare(b)));
    dir.files.sort((a, b) => a.rel.localeCompare(b.rel));
    return dir;
  };
  return compact(root);
}

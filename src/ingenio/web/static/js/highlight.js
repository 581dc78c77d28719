// A small syntax highlighter for the files a generated project holds (Kotlin, Gradle, SQL, YAML,
// JSON, Markdown). One regular expression per language; the output is DOM nodes, one element per
// line, so line numbers come from CSS and no generated text is ever parsed as HTML.
import { h } from './dom.js';

const KOTLIN_WORDS = 'package import class interface object fun val var if else when for while do return try catch finally throw '
  + 'is in as null true false this super data enum sealed open abstract override private protected public internal '
  + 'companion lateinit const suspend inline reified typealias constructor init by where out vararg';
const SQL_WORDS = 'select from where insert into values update set delete create table alter add drop index unique primary key '
  + 'foreign references not null default constraint on cascade and or varchar text integer bigint boolean numeric '
  + 'timestamp date decimal serial if exists with time zone check';

const words = (list, flags = '') => new RegExp(`\\b(?:${list.split(' ').join('|')})\\b`, flags).source;

const LANGUAGES = {
  kotlin: [
    ['comment', /\/\/[^\n]*|\/\*[\s\S]*?\*\//],
    ['string', /"""[\s\S]*?"""|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])'/],
    ['annotation', /@[A-Za-z_][\w.]*/],
    ['keyword', new RegExp(words(KOTLIN_WORDS))],
    ['type', /\b[A-Z][A-Za-z0-9_]*\b/],
    ['number', /\b\d+(?:\.\d+)?[LFf]?\b/],
  ],
  sql: [
    ['comment', /--[^\n]*|\/\*[\s\S]*?\*\//],
    ['string', /'(?:''|[^'])*'/],
    ['keyword', new RegExp(words(SQL_WORDS), 'i')],
    ['number', /\b\d+\b/],
  ],
  yaml: [
    ['comment', /#[^\n]*/],
    ['key', /^[ \t-]*[\w$./-]+(?=:(?:\s|$))/m],
    ['string', /"(?:\\.|[^"\\\n])*"|'[^'\n]*'/],
    ['number', /\b\d+(?:\.\d+)?\b/],
    ['keyword', /\b(?:true|false|null)\b/],
  ],
  json: [
    ['key', /"(?:\\.|[^"\\\n])*"(?=\s*:)/],
    ['string', /"(?:\\.|[^"\\\n])*"/],
    ['number', /-?\b\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b/],
    ['keyword', /\b(?:true|false|null)\b/],
  ],
  markdown: [
    ['heading', /^#{1,6} [^\n]*/m],
    ['string', /`[^`\n]+`/],
    ['comment', /^```[^\n]*/m],
    ['keyword', /^\s*(?:[-*]|\d+\.) /m],
  ],
  config: [
    ['comment', /^\s*#[^\n]*/m],
    ['key', /^[\w.-]+(?==)/m],
  ],
  html: [
    ['comment', /<!--[\s\S]*?-->/],
    ['keyword', /<\/?[A-Za-z][\w-]*|\/?>/],
    ['key', /\b[\w-]+(?==)/],
    ['string', /"[^"]*"|'[^']*'/],
  ],
};

const EXTENSIONS = {
  kt: 'kotlin', kts: 'kotlin', java: 'kotlin', sql: 'sql', yaml: 'yaml', yml: 'yaml', json: 'json',
  md: 'markdown', properties: 'config', gitignore: 'config', html: 'html', xml: 'html',
};

export function languageOf(path) {
  const name = path.split('/').pop();
  const ext = name.includes('.') ? name.split('.').pop().toLowerCase() : name.toLowerCase().replace(/^\./, '');
  return EXTENSIONS[ext] || 'text';
}

function compile(rules) {
  const pattern = rules.map(([, re]) => `(${re.source})`).join('|');
  const flags = rules.some(([, re]) => re.flags.includes('i')) ? 'gim' : 'gm';
  return { regex: new RegExp(pattern, flags), kinds: rules.map(([kind]) => kind) };
}

const COMPILED = Object.fromEntries(Object.entries(LANGUAGES).map(([name, rules]) => [name, compile(rules)]));

function tokens(text, language) {
  const spec = COMPILED[language];
  if (!spec) return [[null, text]];
  const out = [];
  let last = 0;
  spec.regex.lastIndex = 0;
  for (let m = spec.regex.exec(text); m; m = spec.regex.exec(text)) {
    if (m[0] === '') {
      spec.regex.lastIndex += 1;
      continue;
    }
    if (m.index > last) out.push([null, text.slice(last, m.index)]);
    const group = m.slice(1).findIndex((g) => g !== undefined);
    out.push([spec.kinds[group], m[0]]);
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push([null, text.slice(last)]);
  return out;
}

// One <span class="line"> per line; a token that spans lines (a block comment) is split.
export function highlight(text, language) {
  const lines = [];
  let line = h('span', { class: 'line' });
  for (const [kind, value] of tokens(text.replace(/\r\n?/g, '\n'), language)) {
    value.split('\n').forEach((part, i) => {
      if (i > 0) {
        lines.push(line);
        line = h('span', { class: 'line' });
      }
      if (part) line.append(kind ? h('span', { class: `tok-${kind}` }, part) : document.createTextNode(part));
    });
  }
  if (line.childNodes.length || !lines.length) lines.push(line);
  return lines;
}

// The package-name rule of ingenio.pipeline.naming, checked as the user types. The keyword list
// and limits come from the server (naming-rules.js is generated from the Python module); the
// Chinese messages are the server's, word for word, so both checks read the same.
import { MAX_PACKAGE_LENGTH, RESERVED_SEGMENTS, SEGMENT } from './naming-rules.js';
import { lang } from './i18n.js';

const MESSAGES = {
  zh: {
    length: (max) => `包名长度必须在1到${max}个字符之间`,
    segments: () => '包名至少需要两段，例如 com.example.app',
    segment: (seg) => `包名片段“${seg}”不合法：只能使用小写字母、数字和下划线，且以字母开头`,
    keyword: (seg) => `包名片段“${seg}”是Kotlin/Java关键字，不能使用`,
    prefix: '包名无效：',
  },
  en: {
    length: (max) => `a package name has 1 to ${max} characters`,
    segments: () => 'a package name needs at least two segments, e.g. com.example.app',
    segment: (seg) => `segment “${seg}” is not allowed: use lowercase letters, digits and underscores, starting with a letter`,
    keyword: (seg) => `segment “${seg}” is a Kotlin/Java keyword`,
    prefix: 'Invalid package name: ',
  },
};

// Why `name` is not a usable package name (in the current language), or null if it is.
export function packageNameProblem(name, language = lang()) {
  const say = MESSAGES[language] || MESSAGES.zh;
  if (!name || [...name].length > MAX_PACKAGE_LENGTH) return say.length(MAX_PACKAGE_LENGTH);
  const segments = name.split('.');
  if (segments.length < 2) return say.segments();
  for (const seg of segments) {
    if (!SEGMENT.test(seg)) return say.segment(seg);
    if (RESERVED_SEGMENTS.has(seg)) return say.keyword(seg);
  }
  return null;
}

// The message the form shows, as the API would word it ("包名无效：…").
export function packageNameError(raw, language = lang()) {
  const name = raw.trim();
  if (!name) return null; // optional: empty means "derive it from the app name"
  const problem = packageNameProblem(name, language);
  return problem && (MESSAGES[language] || MESSAGES.zh).prefix + problem;
}

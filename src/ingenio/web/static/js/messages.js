// The server speaks Chinese. These helpers say which form field a 400 concerns, and give the
// English reading of the messages users actually meet; anything unknown is shown verbatim.
import { lang } from './i18n.js';

const FIELDS = [
  [/^用户需求/, 'userRequirement'],
  [/^包名/, 'packageName'],
  [/^质量评分阈值/, 'qualityThreshold'],
  [/skipValidation/, 'skipValidation'],
  [/generatePreview/, 'generatePreview'],
  [/^用户名或密码错误/, null],
  [/^用户名/, 'username'],
  [/^密码/, 'password'],
];

export function fieldOf(message) {
  for (const [pattern, field] of FIELDS) {
    if (pattern.test(message)) return field;
  }
  return null;
}

const PACKAGE_REASONS = [
  [/^包名长度必须在1到(\d+)个字符之间$/, (m) => `a package name has 1 to ${m[1]} characters`],
  [/^包名至少需要两段，例如 com\.example\.app$/, () => 'a package name needs at least two segments, e.g. com.example.app'],
  [/^包名片段“(.*)”不合法：.*$/s, (m) => `segment “${m[1]}” is not allowed: use lowercase letters, digits and underscores, starting with a letter`],
  [/^包名片段“(.*)”是Kotlin\/Java关键字，不能使用$/s, (m) => `segment “${m[1]}” is a Kotlin/Java keyword`],
];

const ENGLISH = [
  [/^用户需求不能为空$/, () => 'Describe your app first: the requirement is empty'],
  [/^用户需求不能超过(\d+)个字符（当前(\d+)个）$/, (m) => `The requirement is limited to ${m[1]} characters (it has ${m[2]})`],
  [/^质量评分阈值必须在0到100之间$/, () => 'The quality threshold must be between 0 and 100'],
  [/^包名无效：(.*)$/s, (m) => `Invalid package name: ${translate(m[1], PACKAGE_REASONS)}`],
  ...PACKAGE_REASONS.map(([re, fn]) => [re, (m) => capitalise(fn(m))]),
  [/^用户名或密码错误$/, () => 'Wrong username or password'],
  [/^用户名已存在$/, () => 'This username is already taken'],
  [/^用户名须为3到32个字符/, () => 'A username has 3 to 32 characters: letters, digits, underscore, dot or hyphen'],
  [/^密码长度须为8到128个字符$/, () => 'A password has 8 to 128 characters'],
  [/^(未登录或登录已过期|未登录，请先登录|无效的登录凭证)$/, () => 'Please log in again'],
  [/^任务队列已满，请稍后重试$/, () => 'The task queue is full; please retry shortly'],
  [/^AI调用次数已达上限，请(\d+)分钟后重试$/, (m) => `The hourly AI budget is spent; retry in ${m[1]} min`],
  [/^质量评分\((\d+)\)低于阈值\((\d+)\)，请优化需求后重试$/, (m) => `The quality score ${m[1]} is below the threshold ${m[2]}; refine the requirement and retry`],
  [/^AppSpec质量不达标，请优化需求后重试$/, () => 'The AppSpec has errors; refine the requirement and retry'],
  [/^任务执行超时（超过(\d+)分钟）$/, (m) => `The task timed out (over ${m[1]} minutes)`],
  [/^任务执行超时（超过([\d.]+)秒）$/, (m) => `The task timed out (over ${m[1]} s)`],
  [/^任务无法取消（当前状态：(\w+)）$/, (m) => `The task cannot be cancelled (it is ${m[1]})`],
  [/^任务不存在$/, () => 'Task not found'],
  [/^任务已取消$/, () => 'Task cancelled'],
  [/^文件不存在$/, () => 'File not found'],
];

function translate(message, table) {
  for (const [pattern, render] of table) {
    const match = message.match(pattern);
    if (match) return render(match);
  }
  return message;
}

function capitalise(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function readable(message) {
  return lang() === 'en' ? translate(message, ENGLISH) : message;
}

"""The app's names: a display name in the user's words, and an ASCII PascalCase identifier.

"创建一个校园二手交易平台，支持…" is displayed as 校园二手交易平台 and named CampusMarketplace; the
identifier is translated word by word from the words table, never transliterated from the
requirement, so nothing the user typed can reach generated code except as escaped text.
"""

from __future__ import annotations

import re

from ingenio.pipeline.brains.offline.lexicon import Family, Lexicon
from ingenio.pipeline.brains.offline.names import ascii_words, is_cjk, pascal
from ingenio.pipeline.brains.offline.scan import Language

MAX_DISPLAY = 30
MAX_APP_WORDS = 4

_SUFFIXES = (
    r"(?:管理系统|管理平台|系统|平台|应用|网站|商城|小程序|APP|App|app|软件|工具|后台|中心|助手|"
    r"论坛|博客)"
)
_ZH_APP = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]{0,24}?" + _SUFFIXES)
_ZH_QUANTIFIER = re.compile(r"^.*?(?:一个|一款|一套|一种|一家|一所|一座|一份)")
_ZH_OPENING = re.compile(
    r"^(?:我们|我|想要|想|要|需要|请|帮我|帮忙|给我|做个|写个|搞个|做|开发|创建|构建|搭建|设计|实现|写|"
    r"建立|建设|打造|生成|制作|为)+"
)
# A verb further in ("为一家制造企业开发ERP系统") ends the part that is not the name.
_ZH_LAST_VERB = re.compile(r"^.*(?:开发|创建|构建|搭建|实现|建立|打造|制作)")
_ZH_SUFFIX_ONLY = re.compile(r"^(?:管理)?" + _SUFFIXES + "$")
_EN_APP = re.compile(
    r"\b(?:an?|the|my|our)\s+((?:[a-z][a-z0-9'-]*\s+){0,4}?)"
    r"(app|application|system|platform|website|site|portal|tool|service|manager|tracker|"
    r"marketplace|shop|store|crm|erp|forum|blog|helpdesk|hub)\b"
)
_EN_GENERIC_SUFFIX = frozenset(
    {"app", "application", "system", "platform", "website", "site", "portal", "tool", "service"}
)
_EN_DROPPED = frozenset(
    {
        "simple",
        "small",
        "basic",
        "new",
        "little",
        "lightweight",
        "modern",
        "nice",
        "web",
        "mobile",
        "full",
        "complete",
        "good",
        "great",
        "custom",
        "minimal",
        "tiny",
        "full-featured",
        "one",
        "single",
    }
)
_ACRONYMS = frozenset({"crm", "erp", "hr", "oa", "cms", "pos", "wms", "mes", "it", "qa"})


def display_name(text: str, language: Language) -> str | None:
    """The app as the requirement names it ("校园二手交易平台", "Todo List App"), if it does."""
    return _zh_display(text) if language == "zh" else _en_display(text)


def app_identifier(display: str, lexicon: Lexicon) -> str:
    """PascalCase ASCII from a display name, "" when no word of it can be translated."""
    words: list[str] = []
    i = 0
    while i < len(display):
        ch = display[i]
        if is_cjk(ch):
            # Two characters at least: a lone 单 or 表 means nothing in a name (简单 is not Order).
            for size in range(min(8, len(display) - i), 1, -1):
                english = lexicon.zh_english.get(display[i : i + size])
                if english:
                    words.extend(english)
                    i += size
                    break
            else:
                i += 1
        elif ch.isascii() and ch.isalnum():
            run = re.match(r"[A-Za-z0-9]+", display[i:])
            token = run.group() if run else ch
            words.extend(w.lower().capitalize() for w in ascii_words(token))
            i += len(token)
        else:
            i += 1
    words = [w for w in words if w][:MAX_APP_WORDS]
    if len(words) == 1 and words[0].lower() in _ACRONYMS:
        words.append("App")
    return safe_app_name(pascal(words))


def safe_app_name(name: str) -> str:
    name = "".join(ch for ch in name if ch.isascii() and ch.isalnum())[:50]
    if name and not name[0].isalpha():
        name = "App" + name
    return name


def fallback_names(
    family: Family | None, first_label: str | None, first_name: str | None, language: Language
) -> tuple[str, str]:
    """(appName, displayName) when the requirement names no app."""
    if family is not None:
        return family.app_name, family.zh_name if language == "zh" else family.en_name
    if first_label and first_name:
        display = f"{first_label}管理系统" if language == "zh" else f"{first_label} Manager"
        return safe_app_name(f"{first_name}Manager"), display[:MAX_DISPLAY]
    return "GeneratedApp", "我的应用" if language == "zh" else "My App"


def _zh_display(text: str) -> str | None:
    for match in _ZH_APP.finditer(text):
        name = _ZH_OPENING.sub("", _ZH_QUANTIFIER.sub("", match.group()))
        for narrower in (_ZH_LAST_VERB.sub("", name), name[name.rfind("的") + 1 :]):
            if narrower and not _ZH_SUFFIX_ONLY.match(narrower):
                name = narrower
        if name and not _ZH_SUFFIX_ONLY.match(name) and len(name) <= MAX_DISPLAY:
            return name
    return None


def _en_display(text: str) -> str | None:
    for match in _EN_APP.finditer(text.lower()):
        words = [w for w in match.group(1).split() if w not in _EN_DROPPED]
        suffix = match.group(2)
        if not words and suffix in _EN_GENERIC_SUFFIX:
            continue
        parts = [*words, suffix]
        display = " ".join(w.upper() if w in _ACRONYMS else w.capitalize() for w in parts)
        if len(display) <= MAX_DISPLAY:
            return display
    return None

"""Package names: the one rule the API, the CLI and the code generator share."""

from __future__ import annotations

import re

# Kotlin hard keywords plus Java keywords: a package segment must be legal in both, because the
# generated project is compiled by kotlinc and read by Java tooling (Spring's component scan).
RESERVED_PACKAGE_SEGMENTS = frozenset(
    # Kotlin hard keywords
    "as break class continue do else false for fun if in interface is null object package "
    "return super this throw true try typealias typeof val var when while "
    # Java keywords and literals not already above
    "abstract assert boolean byte case catch char const default double enum extends final "
    "finally float goto implements import instanceof int long native new private protected "
    "public short static strictfp switch synchronized throws transient void volatile".split()
)

_SEGMENT = re.compile(r"^[a-z][a-z0-9_]*$")
MAX_PACKAGE_LENGTH = 200


def package_name_problem(name: str) -> str | None:
    """Why ``name`` is not a usable package name (Chinese, for the user), or None if it is."""
    if not name or len(name) > MAX_PACKAGE_LENGTH:
        return f"包名长度必须在1到{MAX_PACKAGE_LENGTH}个字符之间"
    segments = name.split(".")
    if len(segments) < 2:
        return "包名至少需要两段，例如 com.example.app"
    for seg in segments:
        if not _SEGMENT.match(seg):
            return f"包名片段“{seg}”不合法：只能使用小写字母、数字和下划线，且以字母开头"
        if seg in RESERVED_PACKAGE_SEGMENTS:
            return f"包名片段“{seg}”是Kotlin/Java关键字，不能使用"
    return None


def is_valid_package_name(name: str) -> bool:
    return package_name_problem(name) is None


def default_package_name(app_name: str) -> str:
    """``com.example.<app>`` from a PascalCase app name, always valid."""
    seg = re.sub(r"[^a-z0-9]", "", app_name.lower())
    if not seg or not seg[0].isalpha():
        seg = "app" + seg
    if seg in RESERVED_PACKAGE_SEGMENTS:
        seg += "app"
    return f"com.example.{seg[:60]}"

"""Sample rows for the preview: a few plausible records per entity, from the spec alone.

Values are chosen from field names and labels (an ``email`` looks like an address, a ``price``
is a price), then bent to the field's own constraints: required, unique, enum, ranges and
lengths; references point at sample rows of their target. Every choice comes from a generator
seeded with the spec's names, never from the clock, so the same spec gives the same rows.
"""

from __future__ import annotations

import math
import random
import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

JsonObj = dict[str, Any]

TITLE_NAMES = frozenset(
    "name title username nickname fullname realname displayname label subject code sku".split()
)
# Samples are dated from a fixed day, never from the clock, so output stays deterministic.
_EPOCH = datetime(2026, 1, 5, 9, 0)
# Padding a sample up to an absurd minLength would bloat the page; such a spec is invalid anyway.
_MAX_SAMPLE_CHARS = 2000
# Models whose "name" is a person's name.
_PEOPLE = frozenset(
    "user customer member author student teacher employee staff person buyer seller reader "
    "patient doctor contact owner borrower".split()
)
_OPINIONS = frozenset("review comment feedback content body".split())
_PROSE = frozenset("description remark note notes bio summary intro detail details".split())
# (English name tokens, Chinese label fragments, usual range) for whole numbers and decimals.
_RANGES: tuple[tuple[frozenset[str], tuple[str, ...], tuple[int, int]], ...] = (
    (frozenset({"age"}), ("年龄",), (18, 60)),
    (frozenset({"year"}), ("年份",), (2018, 2026)),
    (
        frozenset({"rating", "score", "star", "stars", "level", "grade", "priority", "rank"}),
        ("评分", "星级", "等级", "优先级"),
        (1, 5),
    ),
    (
        frozenset(
            {"stock", "quantity", "qty", "count", "inventory", "capacity", "seats", "copies"}
        ),
        ("库存", "数量", "容量", "座位"),
        (1, 200),
    ),
    (
        frozenset({"price", "cost", "fee", "amount", "salary", "total", "budget", "balance"}),
        ("价", "金额", "费", "薪", "预算", "余额"),
        (10, 999),
    ),
    (
        frozenset({"percent", "percentage", "progress", "discount"}),
        ("百分比", "进度", "折扣"),
        (0, 100),
    ),
)


def sample_rows(entities: list[JsonObj], pools: JsonObj) -> list[list[JsonObj]]:
    """3-5 rows per entity (as the preview describes it) that satisfy its constraints.

    ``pools`` holds the language's sample words (preview_assets/samples.json).
    """
    counts = [random.Random(f"count:{e['name']}").randint(3, 5) for e in entities]
    # A unique reference is one-to-one: its owner can have no more rows than the target.
    one_to_one = [
        (owner, f["ref"])
        for owner, e in enumerate(entities)
        for f in e["fields"]
        if f["type"] == "reference" and f.get("unique") and f["ref"] != owner
    ]
    for _ in entities:
        for owner, target in one_to_one:
            counts[owner] = min(counts[owner], counts[target])
    result: list[list[JsonObj]] = []
    for owner, entity in enumerate(entities):
        n = counts[owner]
        columns = [
            _column(entity, f, n, random.Random(f"{owner}:{i}:{f['name']}"), counts, owner, pools)
            for i, f in enumerate(entity["fields"])
        ]
        rng = random.Random(f"rows:{owner}")
        rows: list[JsonObj] = []
        for i in range(n):
            created = _EPOCH + timedelta(
                days=3 * i + rng.randint(0, 2), minutes=rng.randint(0, 600)
            )
            updated = created + timedelta(hours=rng.randint(0, 72))
            rows.append(
                {
                    "id": i + 1,
                    "createdAt": _stamp(created),
                    "updatedAt": _stamp(updated),
                    "values": [column[i] for column in columns],
                }
            )
        result.append(rows)
    return result


def _column(
    entity: JsonObj,
    f: JsonObj,
    n: int,
    rng: random.Random,
    counts: list[int],
    owner: int,
    pools: JsonObj,
) -> list[Any]:
    kind = f["type"]
    if kind in ("string", "text"):
        return _fit_texts([_text(entity, f, i, pools) for i in range(n)], f)
    if kind in ("int", "long", "decimal"):
        return _numbers(f, n, rng)
    if kind == "boolean":
        return [rng.random() < 0.7 for _ in range(n)]
    if kind == "enum":
        start = rng.randrange(len(f["options"]))
        return [f["options"][(start + i) % len(f["options"])][0] for i in range(n)]
    if kind == "reference":
        if f["ref"] == owner:  # a tree: each row hangs under the previous one
            return [None if i == 0 and not f.get("required") else (i - 1) % n + 1 for i in range(n)]
        ids = list(range(1, counts[f["ref"]] + 1))
        rng.shuffle(ids)
        return [ids[i % len(ids)] for i in range(n)]
    birth = _matches(f, {"birth", "birthday", "born", "dob"}, ("生日", "出生"))
    origin = date(1985, 1, 1) if birth else _EPOCH.date()
    days = rng.sample(range(7000 if birth else 180), n)  # distinct, so unique holds too
    if kind == "date":
        return [(origin + timedelta(days=d)).isoformat() for d in days]
    return [
        (
            datetime.combine(origin + timedelta(days=d), _EPOCH.time())
            + timedelta(minutes=15 * rng.randrange(40))
        ).strftime("%Y-%m-%dT%H:%M")
        for d in days
    ]


def _text(entity: JsonObj, f: JsonObj, i: int, pools: JsonObj) -> str:
    model_tokens = _tokens(entity["name"])
    numbered = pools["numbered"]  # "{label}{n}" in Chinese, "{label} {n}" in English
    if _matches(f, {"email", "mail"}, ("邮箱",)):
        return f"user{i + 1}@example.com"
    if _matches(f, {"phone", "mobile", "tel", "telephone"}, ("电话", "手机")):
        return str(pools["phones"][i % len(pools["phones"])])
    if _matches(
        f,
        {"url", "link", "website", "avatar", "image", "photo", "logo", "cover"},
        ("网址", "链接", "图片", "头像", "封面"),
    ):
        slug = re.sub(r"[^a-z0-9]+", "", entity["name"].lower()) or "item"
        return f"https://example.com/{slug}/{i + 1}"
    if _matches(f, {"address"}, ("地址",)):
        return str(pools["addresses"][i % len(pools["addresses"])])
    if _matches(f, {"username", "account", "login", "handle"}, ("账号", "用户名")):
        return f"user{i + 1:03d}"
    if _matches(f, {"code", "sku", "no", "serial", "isbn"}, ("编号", "编码", "单号")):
        prefix = re.sub(r"[^A-Z]", "", entity["name"].upper())[:3] or "NO"
        return f"{prefix}-{1001 + i}"
    if _matches(f, _OPINIONS, ("评价", "评论", "内容", "反馈")):
        return str(pools["sentences"][i % len(pools["sentences"])])
    if f["type"] == "text" or _matches(f, _PROSE, ("描述", "备注", "简介", "说明", "详情")):
        return str(pools["descriptions"][i % len(pools["descriptions"])])
    person = _matches(
        f,
        {"author", "contact", "fullname", "realname", "nickname"},
        ("姓名", "昵称", "联系人", "作者"),
    )
    named = _matches(f, {"name", "title", "subject", "label"}, ("名称", "标题", "名字"))
    if person or (named and model_tokens & _PEOPLE):
        return str(pools["people"][i % len(pools["people"])])
    if named:
        for token in reversed(_ordered_tokens(entity["name"])):
            catalog = pools["catalog"].get(token)
            if catalog:
                return str(catalog[i % len(catalog)])
        return _numbered(numbered, entity["label"], i + 1)
    return _numbered(numbered, f["label"], i + 1)


def _numbered(template: str, label: str, n: int) -> str:
    # One pass, so a label that itself contains "{n}" stays as written.
    return re.sub(r"\{(label|n)\}", lambda m: label if m.group(1) == "label" else str(n), template)


def _fit_texts(values: list[str], f: JsonObj) -> list[str]:
    """Pad or cut samples to the field's length bounds, then make them distinct."""
    lo = min(f.get("minLength", 0), _MAX_SAMPLE_CHARS)
    hi: int | None = f.get("maxLength")
    taken: set[str] = set()
    out: list[str] = []
    for i, value in enumerate(values):
        base = value or "x"
        fitted = base if len(base) >= lo else " ".join([base] * (lo // (len(base) + 1) + 1))
        fitted = fitted[:hi] if hi is not None else fitted
        text, k = fitted, i + 1
        for _ in range(100):
            if text not in taken:
                break
            suffix = _base36(k)
            room = len(fitted) if hi is None else max(0, hi - len(suffix))
            text = fitted[:room] + suffix
            text = text[-hi:] if hi is not None else text
            k += len(values)
        taken.add(text)
        out.append(text)
    return out


def _numbers(f: JsonObj, n: int, rng: random.Random) -> list[int | float]:
    lo, hi = _sample_range(f)
    if f["type"] != "decimal":
        ilo, ihi = math.ceil(lo), max(math.ceil(lo), math.floor(hi))
        if f.get("unique") and ihi - ilo + 1 >= n:
            return list(rng.sample(range(ilo, ihi + 1), n))
        return [rng.randint(ilo, ihi) for _ in range(n)]
    values: list[int | float] = []
    for i in range(n):
        value = min(hi, max(lo, round(rng.uniform(lo, hi), 2)))
        if value in values:  # rare; spread evenly instead
            value = min(hi, max(lo, round(lo + (hi - lo) * (i + 1) / (n + 1), 2)))
        values.append(value)
    return values


def _sample_range(f: JsonObj) -> tuple[float, float]:
    """The usual range for a field of this name, narrowed to the spec's bounds."""
    usual = next((r for words, zh, r in _RANGES if _matches(f, words, zh)), (1, 100))
    smin: float | None = f.get("min")
    smax: float | None = f.get("max")
    lo = float(usual[0]) if smin is None else max(usual[0], smin)
    hi = float(usual[1]) if smax is None else min(usual[1], smax)
    if lo <= hi:
        return lo, hi
    # The usual range lies outside the allowed one: stay near the allowed edge.
    if smin is not None:
        return smin, smin + 100 if smax is None else max(smin, min(smax, smin + 100))
    top = smax if smax is not None else hi
    return top - 100, top


def _matches(f: JsonObj, words: frozenset[str] | set[str], zh: tuple[str, ...]) -> bool:
    """Whether the field's name or label has one of ``words``, or its label a Chinese term."""
    label = f["label"]
    return bool((_tokens(f["name"]) | _tokens(label)) & words) or any(w in label for w in zh)


@lru_cache(maxsize=4096)
def _ordered_tokens(name: str) -> tuple[str, ...]:
    # camelCase and PascalCase split into lowercase words: "orderNo" -> ("order", "no").
    return tuple(t.lower() for t in re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+", name))


@lru_cache(maxsize=4096)
def _tokens(name: str) -> frozenset[str]:
    return frozenset(_ordered_tokens(name))


def _base36(k: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        k, r = divmod(k, 36)
        out = digits[r] + out
        if k == 0:
            return out


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")

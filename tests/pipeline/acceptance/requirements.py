"""The requirements the acceptance suite runs end to end: the eval set plus hostile text.

Hostile texts are what the API lets through (anything non-blank up to 5000 characters), so the
pipeline itself must survive them; blank text is the request layer's to refuse.
"""

from __future__ import annotations

from dataclasses import dataclass

from tests.pipeline.eval import CASES

from ingenio.pipeline.request import MAX_REQUIREMENT_CHARS

# Payloads that would run if any of them reached the preview's DOM as markup: a test asserts
# window.pwned stays undefined in every preview.
HTML_PAYLOAD = (
    "<script>window.pwned=1</script><img src=x onerror=window.pwned=2>"
    '<svg onload="window.pwned=3"></svg></textarea></title><!--'
)
SQL_PAYLOAD = "'; DROP TABLE users; -- \" OR 1=1; CREATE TABLE pwned(id int); /* x */"
KOTLIN_PAYLOAD = '*/ fun main() { println("pwned") } /* ${System.exit(1)} """ `class` \\u0022'


def _exactly(text: str, length: int = MAX_REQUIREMENT_CHARS) -> str:
    repeated = (text * (length // len(text) + 1))[:length]
    assert len(repeated) == length
    return repeated


@dataclass(frozen=True)
class Requirement:
    id: str
    text: str
    min_entities: int = 1


HOSTILE: tuple[Requirement, ...] = (
    Requirement(
        "exactly-5000-zh", _exactly("做一个校园二手交易平台，支持商品发布、聊天和交易评价。")
    ),
    Requirement("exactly-5000-en", _exactly("An online store with products, orders and reviews. ")),
    Requirement("exactly-5000-one-word", "x" * MAX_REQUIREMENT_CHARS),
    Requirement("emoji-only", "😀🎉🚀🔥🛒📦👤"),
    Requirement("emoji-mixed", "做一个🐱宠物店🛒商城，管理商品📦、订单🧾和用户👤，支持评价⭐️"),
    Requirement("sql-injection", f"一个图书馆系统，管理图书和读者。{SQL_PAYLOAD}"),
    Requirement("sql-injection-only", SQL_PAYLOAD),
    Requirement("kotlin-injection", f"A blog with posts and comments. {KOTLIN_PAYLOAD}"),
    Requirement(
        "kotlin-keywords", "管理`class`、`fun`、`object`、`when`、`order`、`user`、`group`"
    ),
    Requirement("html-injection", f"餐厅点餐系统，管理菜品和订单 {HTML_PAYLOAD}"),
    Requirement("html-injection-only", HTML_PAYLOAD),
    Requirement("punctuation-zh", "！！！？？。，、；：……——“”‘’【】《》"),
    Requirement("punctuation-ascii", "!!!???...;;;:::---___***///\\\\|||~~~```"),
    Requirement(
        "mixed-scripts",
        "Build 一个 shop 系统 with 订单 and users; Пользователи и заказы; ユーザーと注文を管理; "
        "사용자 관리; إدارة المستخدمين; ग्राहक प्रबंधन",
    ),
    Requirement(
        "control-and-bidi", "酒店预订\u202e系统\u200b，管理房间\x00和\x07预订\u2028订单\ufeff"
    ),
    Requirement("multiline", "一个待办应用\n\n- 任务\n- 标签\r\n\t截止日期\n```\nrm -rf /\n```"),
)

EVAL: tuple[Requirement, ...] = tuple(
    Requirement(f"eval-{c.id}", c.requirement, max(1, c.min_entities)) for c in CASES
)
ALL: tuple[Requirement, ...] = EVAL + HOSTILE
BY_ID = {r.id: r for r in ALL}

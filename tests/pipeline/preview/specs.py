"""Handcrafted AppSpecs for the preview tests (the offline brain is not needed to build them)."""

from __future__ import annotations

from typing import Any

from ingenio.pipeline.appspec import AppSpec

Json = dict[str, Any]


def field(name: str, label: str, type_: str, **extra: Any) -> Json:
    return {"name": name, "label": label, "type": type_, **extra}


def enum(name: str, label: str, values: list[tuple[str, str]], **extra: Any) -> Json:
    options = [{"name": n, "label": lbl} for n, lbl in values]
    return field(name, label, "enum", enumValues=options, **extra)


def ref(name: str, label: str, target: str, **extra: Any) -> Json:
    return field(name, label, "reference", reference=target, **extra)


def model(name: str, label: str, fields: list[Json], description: str = "") -> Json:
    return {
        "name": name,
        "label": label,
        "tableName": name.lower() + "s",
        "fields": fields,
        "description": description,
    }


def build_spec(app: Json, models: list[Json], pages: list[Json] | None = None) -> AppSpec:
    relations = [
        {
            "fromModel": m["name"],
            "toModel": f["reference"],
            "kind": "many_to_one",
            "fieldName": f["name"],
        }
        for m in models
        for f in m["fields"]
        if f["type"] == "reference"
    ]
    if pages is None:
        pages = [{"name": "Home", "title": "Dashboard", "type": "dashboard"}] + [
            {"name": f"{m['name']}List", "title": m["label"], "type": "list", "model": m["name"]}
            for m in models
        ]
    return AppSpec.model_validate({**app, "models": models, "relations": relations, "pages": pages})


def marketplace() -> AppSpec:
    """A Chinese campus marketplace: enums, a decimal price >= 0, references, a boolean, dates."""
    models = [
        model(
            "User",
            "用户",
            [
                field(
                    "username",
                    "用户名",
                    "string",
                    required=True,
                    unique=True,
                    minLength=3,
                    maxLength=20,
                ),
                field("email", "邮箱", "string", required=True, unique=True, maxLength=100),
                field("phone", "手机号", "string", maxLength=11),
                field("verified", "已认证", "boolean"),
                field("registeredOn", "注册日期", "date"),
            ],
        ),
        model(
            "Category",
            "分类",
            [
                field("name", "分类名称", "string", required=True, unique=True, maxLength=20),
                field("description", "描述", "text", maxLength=200),
            ],
        ),
        model(
            "Product",
            "商品",
            [
                field("title", "商品名称", "string", required=True, minLength=2, maxLength=30),
                field("price", "价格", "decimal", required=True, minValue=0, maxValue=99999),
                field("stock", "库存", "int", required=True, minValue=0, maxValue=9999),
                ref("category", "所属分类", "Category", required=True),
                ref("seller", "卖家", "User", required=True),
                enum(
                    "condition",
                    "成色",
                    [("NEW", "全新"), ("LIKE_NEW", "九成新"), ("USED", "二手")],
                    required=True,
                ),
                field("negotiable", "可议价", "boolean"),
                field("listedOn", "上架日期", "date"),
                field("description", "商品描述", "text", maxLength=500),
            ],
            description="同学们发布的二手商品",
        ),
        model(
            "Order",
            "订单",
            [
                field("orderNo", "订单号", "string", required=True, unique=True, maxLength=32),
                ref("buyer", "买家", "User", required=True),
                ref("product", "商品", "Product", required=True),
                field("quantity", "数量", "int", required=True, minValue=1, maxValue=99),
                field("totalAmount", "总金额", "decimal", required=True, minValue=0),
                enum(
                    "status",
                    "状态",
                    [
                        ("PENDING", "待付款"),
                        ("PAID", "已付款"),
                        ("SHIPPED", "已发货"),
                        ("COMPLETED", "已完成"),
                        ("CANCELLED", "已取消"),
                    ],
                    required=True,
                ),
                field("orderedAt", "下单时间", "datetime"),
            ],
        ),
        model(
            "Review",
            "评价",
            [
                ref("product", "商品", "Product", required=True),
                ref("reviewer", "评价人", "User", required=True),
                field("rating", "评分", "int", required=True, minValue=1, maxValue=5),
                enum(
                    "sentiment",
                    "评价类型",
                    [("POSITIVE", "好评"), ("NEUTRAL", "中评"), ("NEGATIVE", "差评")],
                    required=True,
                ),
                field("content", "评价内容", "text", maxLength=300),
                field("recommended", "推荐", "boolean"),
            ],
        ),
    ]
    pages = [
        {"name": "Home", "title": "首页概览", "type": "dashboard"},
        {"name": "ProductList", "title": "商品列表", "type": "list", "model": "Product"},
        {"name": "ProductForm", "title": "发布商品", "type": "form", "model": "Product"},
        {"name": "ProductDetail", "title": "商品详情", "type": "detail", "model": "Product"},
        {"name": "CategoryList", "title": "分类管理", "type": "list", "model": "Category"},
        {"name": "OrderList", "title": "订单列表", "type": "list", "model": "Order"},
        {"name": "UserList", "title": "用户管理", "type": "list", "model": "User"},
        {"name": "ReviewList", "title": "评价列表", "type": "list", "model": "Review"},
    ]
    app = {
        "appName": "CampusMarket",
        "displayName": "校园二手交易平台",
        "packageName": "com.example.campusmarket",
        "language": "zh",
        "description": "校园内的二手商品发布、下单与评价",
    }
    return build_spec(app, models, pages)


def library() -> AppSpec:
    """An English lending library."""
    models = [
        model(
            "Author",
            "Author",
            [
                field("name", "Name", "string", required=True, maxLength=60),
                field("bio", "Biography", "text", maxLength=1000),
                field("bornOn", "Born on", "date"),
            ],
        ),
        model(
            "Book",
            "Book",
            [
                field("title", "Title", "string", required=True, maxLength=120),
                field(
                    "isbn", "ISBN", "string", required=True, unique=True, minLength=10, maxLength=17
                ),
                ref("author", "Author", "Author", required=True),
                enum(
                    "genre",
                    "Genre",
                    [("FICTION", "Fiction"), ("SCIENCE", "Science"), ("HISTORY", "History")],
                ),
                field("price", "Price", "decimal", minValue=0),
                field("copies", "Copies", "int", minValue=0, maxValue=50),
                field("available", "Available", "boolean"),
                field("publishedOn", "Published on", "date"),
            ],
        ),
        model(
            "Member",
            "Member",
            [
                field("fullName", "Full name", "string", required=True, maxLength=80),
                field("email", "Email", "string", required=True, unique=True),
                field("joinedOn", "Joined on", "date"),
                field("active", "Active", "boolean"),
            ],
        ),
        model(
            "Loan",
            "Loan",
            [
                ref("book", "Book", "Book", required=True),
                ref("member", "Member", "Member", required=True),
                field("loanedAt", "Loaned at", "datetime", required=True),
                field("dueOn", "Due on", "date", required=True),
                field("returned", "Returned", "boolean"),
            ],
        ),
    ]
    app = {
        "appName": "CityLibrary",
        "displayName": "City Library",
        "packageName": "com.example.citylibrary",
        "language": "en",
        "description": "Books, members and loans of a small public library",
    }
    return build_spec(app, models)


TYPES = ["string", "text", "int", "long", "decimal", "boolean", "date", "datetime"]


def thirty_entities() -> AppSpec:
    """30 entities with 8 fields each (every type, constraints, a reference to the previous one)."""
    models = []
    for i in range(30):
        fields = [field("name", f"Name {i}", "string", required=True, unique=True, maxLength=40)]
        fields += [
            field(f"{t}Field", f"{t.title()} value {i}", t, minValue=0, maxValue=1000)
            if t in ("int", "long", "decimal")
            else field(f"{t}Field", f"{t} {i}", t)
            for t in TYPES[1:]
        ]
        fields.append(enum("level", "Level", [("LOW", "Low"), ("MID", "Medium"), ("HIGH", "High")]))
        if i:
            fields.append(ref("parent", "Parent", f"Entity{i - 1}"))
        models.append(model(f"Entity{i}", f"Entity number {i}", fields))
    app = {
        "appName": "ThirtyEntities",
        "displayName": "Thirty entities",
        "packageName": "com.example.thirty",
        "language": "en",
    }
    return build_spec(app, models)


HOSTILE_SCRIPT = "</script><script>window.pwned=1</script>"
HOSTILE_IMG = '<img src=x onerror="window.pwned=2">'
HOSTILE_SVG = "<svg onload=window.pwned=3>"
HOSTILE_TEMPLATE = "`${window.pwned=4}` {{script}} \u2028 \u2029 '\" & </style>"


def hostile() -> AppSpec:
    """Every string a place for markup or script; names that are not identifiers."""
    models = [
        model(
            "Thing\"]'); window.pwned=5;//",
            HOSTILE_IMG,
            [
                field(
                    "__proto__",
                    HOSTILE_SCRIPT,
                    "string",
                    required=True,
                    maxLength=200,
                    description=HOSTILE_TEMPLATE,
                ),
                field("constructor", HOSTILE_TEMPLATE, "text"),
                enum("kind", "Kind", [("A", HOSTILE_SVG), ("B", HOSTILE_SCRIPT)]),
            ],
            description=HOSTILE_SVG,
        ),
        model(
            "<b>Other</b>",
            HOSTILE_SVG,
            [
                ref("thing", HOSTILE_IMG, "Thing\"]'); window.pwned=5;//", required=True),
            ],
        ),
    ]
    pages = [{"name": "x", "title": HOSTILE_SCRIPT, "type": "dashboard"}]
    app = {
        "appName": "Evil</script>App",
        "displayName": HOSTILE_SCRIPT + HOSTILE_TEMPLATE,
        "packageName": "com.example.evil",
        "language": "en",
        "description": HOSTILE_IMG,
    }
    return build_spec(app, models, pages)

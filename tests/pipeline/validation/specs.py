"""AppSpecs for the validator's tests: a clean base to break one rule at a time, and the
calibration specs (a generic one-entity spec, a medium one, a rich marketplace).

Every builder returns a fresh object, so a test may mutate what it gets.
"""

from __future__ import annotations

from ingenio.pipeline.appspec import (
    Action,
    AppSpec,
    DataModel,
    EndpointSpec,
    EnumValue,
    FieldSpec,
    FieldType,
    HttpMethod,
    Operation,
    PageSpec,
    PageType,
    Permission,
    RelationKind,
    RelationSpec,
    RoleSpec,
)

ALL_ACTIONS = list(Action)


def text(name: str, label: str, max_length: int = 100, **kw: object) -> FieldSpec:
    return FieldSpec.model_validate(
        {"name": name, "label": label, "type": FieldType.STRING, "maxLength": max_length, **kw}
    )


def typed(name: str, label: str, kind: FieldType, **kw: object) -> FieldSpec:
    return FieldSpec.model_validate({"name": name, "label": label, "type": kind, **kw})


def ref(name: str, label: str, target: str, *, required: bool = True) -> FieldSpec:
    return FieldSpec(
        name=name, label=label, type=FieldType.REFERENCE, reference=target, required=required
    )


def enum(name: str, label: str, *values: tuple[str, str]) -> FieldSpec:
    return FieldSpec(
        name=name,
        label=label,
        type=FieldType.ENUM,
        required=True,
        enum_values=[EnumValue(name=n, label=lbl) for n, lbl in values],
    )


def model(name: str, label: str, table: str, *fields: FieldSpec) -> DataModel:
    return DataModel(
        name=name, label=label, table_name=table, description=f"{label}信息", fields=list(fields)
    )


def many_to_one(source: str, field: str, target: str) -> RelationSpec:
    return RelationSpec(
        from_model=source, to_model=target, kind=RelationKind.MANY_TO_ONE, field_name=field
    )


def crud(model_name: str, plural: str) -> list[EndpointSpec]:
    base, item = f"/api/{plural}", f"/api/{plural}/{{id}}"
    routes = [
        (HttpMethod.GET, base, Operation.LIST),
        (HttpMethod.GET, item, Operation.GET),
        (HttpMethod.POST, base, Operation.CREATE),
        (HttpMethod.PUT, item, Operation.UPDATE),
        (HttpMethod.DELETE, item, Operation.DELETE),
    ]
    return [
        EndpointSpec(method=m, path=p, model=model_name, operation=op, summary=f"{op.value}")
        for m, p, op in routes
    ]


def pages(model_name: str, label: str) -> list[PageSpec]:
    return [
        PageSpec(
            name=f"{model_name}List", title=f"{label}列表", type=PageType.LIST, model=model_name
        ),
        PageSpec(
            name=f"{model_name}Detail", title=f"{label}详情", type=PageType.DETAIL, model=model_name
        ),
        PageSpec(
            name=f"{model_name}Form", title=f"编辑{label}", type=PageType.FORM, model=model_name
        ),
    ]


def role(name: str, label: str, grants: dict[str, list[Action]]) -> RoleSpec:
    return RoleSpec(
        name=name,
        label=label,
        description=f"{label}角色",
        permissions=[Permission(model=m, actions=a) for m, a in grants.items()],
    )


def clean_spec() -> AppSpec:
    """Two related models with everything in place: no errors, no warnings.

    Indexes the rule tests rely on: models[0] Category, models[1] Product with fields
    title, sku, price, status, category; relations[0] is Product.category many_to_one;
    endpoints 0-4 are Category's CRUD, 5-9 Product's; pages 0-2 Category's, 3-5 Product's,
    6 the dashboard; roles ADMIN then USER.
    """
    category = model(
        "Category",
        "分类",
        "categories",
        text("name", "名称", 50, required=True),
        typed("description", "说明", FieldType.TEXT),
    )
    product = model(
        "Product",
        "商品",
        "products",
        text("title", "标题", 100, required=True),
        text("sku", "商品编码", 40, unique=True),
        typed("price", "价格", FieldType.DECIMAL, minValue=0, required=True),
        enum("status", "状态", ("ON_SALE", "在售"), ("SOLD", "已售出")),
        ref("category", "分类", "Category"),
    )
    return AppSpec(
        app_name="MiniShop",
        display_name="小商店",
        package_name="com.example.minishop",
        description="一个管理商品和分类的小商店",
        models=[category, product],
        relations=[
            many_to_one("Product", "category", "Category"),
            RelationSpec(
                from_model="Category",
                to_model="Product",
                kind=RelationKind.ONE_TO_MANY,
                field_name="category",
            ),
        ],
        endpoints=[*crud("Category", "categories"), *crud("Product", "products")],
        pages=[
            *pages("Category", "分类"),
            *pages("Product", "商品"),
            PageSpec(name="Dashboard", title="首页", type=PageType.DASHBOARD),
        ],
        roles=[
            role("ADMIN", "管理员", {"Category": ALL_ACTIONS, "Product": ALL_ACTIONS}),
            role("USER", "用户", {"Category": [Action.READ], "Product": [Action.READ]}),
        ],
    )


def generic_spec() -> AppSpec:
    """What a requirement nobody understood tends to become: one vague entity, nothing else."""
    return AppSpec(
        app_name="MyApp",
        display_name="我的应用",
        package_name="com.example.myapp",
        models=[
            DataModel(
                name="Item",
                label="条目",
                table_name="items",
                fields=[
                    FieldSpec(name="name", label="名称", type=FieldType.STRING),
                    FieldSpec(name="content", label="内容", type=FieldType.TEXT),
                ],
            )
        ],
    )


def medium_spec() -> AppSpec:
    """A plausible first draft: sensible models, but only list/create endpoints, list pages,
    loose constraints and no roles."""
    book = model(
        "Book",
        "图书",
        "books",
        text("title", "书名", 200, required=True),
        text("isbn", "ISBN"),
        text("author", "作者"),
        ref("category", "分类", "BookCategory"),
    )
    category = model("BookCategory", "图书分类", "book_categories", text("name", "名称"))
    loan = model(
        "Loan",
        "借阅",
        "loans",
        ref("book", "图书", "Book"),
        typed("dueDate", "应还日期", FieldType.DATE, required=True),
        typed("returned", "已归还", FieldType.BOOLEAN),
    )
    models = [book, category, loan]
    endpoints = []
    for m in models:
        plural = m.table_name.replace("_", "-")
        endpoints += [
            e
            for e in crud(m.name, plural)
            if e.operation in (Operation.LIST, Operation.CREATE, Operation.GET)
        ]
    return AppSpec(
        app_name="Library",
        display_name="图书馆",
        package_name="com.example.library",
        description="图书借阅管理",
        models=models,
        relations=[many_to_one("Book", "category", "BookCategory")],
        endpoints=endpoints,
        pages=[p for m in models for p in pages(m.name, m.label) if p.type is PageType.LIST],
    )


def marketplace_spec() -> AppSpec:
    """A rich, consistent campus marketplace: six models, full CRUD, pages and roles."""
    models = [
        model(
            "User",
            "用户",
            "users",
            text("username", "用户名", 50, required=True, unique=True),
            text("email", "邮箱", 120, required=True, unique=True),
            text("phone", "手机号", 20, unique=True),
            text("nickname", "昵称", 50),
            enum("role", "身份", ("STUDENT", "学生"), ("STAFF", "教职工")),
        ),
        model(
            "Category",
            "分类",
            "categories",
            text("name", "名称", 50, required=True, unique=True),
            typed("sortOrder", "排序", FieldType.INT, minValue=0),
        ),
        model(
            "Product",
            "商品",
            "products",
            text("title", "标题", 120, required=True),
            typed("description", "描述", FieldType.TEXT),
            typed("price", "价格", FieldType.DECIMAL, required=True, minValue=0),
            enum("status", "状态", ("ON_SALE", "在售"), ("RESERVED", "已预订"), ("SOLD", "已售出")),
            ref("seller", "卖家", "User"),
            ref("category", "分类", "Category"),
        ),
        model(
            "Order",
            "订单",
            "orders",
            text("orderNo", "订单号", 32, required=True, unique=True),
            ref("buyer", "买家", "User"),
            ref("product", "商品", "Product"),
            typed("amount", "金额", FieldType.DECIMAL, required=True, minValue=0),
            enum("status", "状态", ("PENDING", "待付款"), ("PAID", "已付款"), ("DONE", "已完成")),
        ),
        model(
            "Review",
            "评价",
            "reviews",
            ref("order", "订单", "Order"),
            typed("rating", "评分", FieldType.INT, required=True, minValue=1, maxValue=5),
            typed("content", "内容", FieldType.TEXT),
        ),
        model(
            "Message",
            "私信",
            "messages",
            ref("sender", "发送者", "User"),
            ref("receiver", "接收者", "User"),
            typed("content", "内容", FieldType.TEXT, required=True),
            typed("read", "已读", FieldType.BOOLEAN),
        ),
    ]
    relations = [
        many_to_one(m.name, f.name, f.reference)
        for m in models
        for f in m.fields
        if f.reference is not None
    ]
    everything = {m.name: ALL_ACTIONS for m in models}
    member = {
        m.name: [Action.CREATE, Action.READ, Action.UPDATE] for m in models if m.name != "Category"
    }
    return AppSpec(
        app_name="CampusMarketplace",
        display_name="校园二手交易平台",
        package_name="com.example.campusmarketplace",
        description="校园内的二手商品交易平台，支持发布商品、下单、评价和私信",
        models=models,
        relations=relations,
        endpoints=[e for m in models for e in crud(m.name, m.table_name)],
        pages=[
            *(p for m in models for p in pages(m.name, m.label)),
            PageSpec(name="Dashboard", title="首页", type=PageType.DASHBOARD),
        ],
        roles=[
            role("ADMIN", "管理员", everything),
            role("STUDENT", "学生", member),
            role("GUEST", "访客", {"Product": [Action.READ], "Category": [Action.READ]}),
        ],
    )


def large_spec(entities: int = 30) -> AppSpec:
    """``entities`` models, each with a reference to the previous one, for the speed check."""
    models: list[DataModel] = []
    for i in range(entities):
        fields = [
            text(f"name{i}", "名称", required=True),
            typed("amount", "金额", FieldType.DECIMAL),
            enum("state", "状态", ("A", "甲"), ("B", "乙")),
        ]
        if i:
            fields.append(ref("parent", "上级", f"Entity{i - 1}"))
        models.append(model(f"Entity{i}", f"实体{i}", f"entity{i}s", *fields))
    return AppSpec(
        app_name="Big",
        display_name="大型应用",
        package_name="com.example.big",
        description="很多实体",
        models=models,
        relations=[
            many_to_one(f"Entity{i}", "parent", f"Entity{i - 1}") for i in range(1, entities)
        ],
        endpoints=[e for m in models for e in crud(m.name, m.table_name)],
        pages=[p for m in models for p in pages(m.name, m.label)],
        roles=[role("ADMIN", "管理员", {m.name: ALL_ACTIONS for m in models})],
    )

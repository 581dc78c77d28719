"""Handcrafted AppSpecs for the code generator: a small shop, a hostile one, and sized ones.

Each builder returns a fresh object. The hostile spec gathers everything a model or a person
could put in a spec that must not break (or break out of) the generated code.
"""

from __future__ import annotations

from ingenio.pipeline.appspec import (
    AppSpec,
    DataModel,
    EnumValue,
    FieldSpec,
    FieldType,
    RelationKind,
    RelationSpec,
)

# Labels that try to escape every sink the generator writes to.
INJECTIONS = (
    '*/ fun pwned() {} /* "quoted" ${System.exit(1)} $HOME `tick`',
    "line one\nline two\r\n// not code\u2028next",
    "</script><script>alert(1)</script> <b>bold</b> | pipe | [link](http://x)",
    "'; DROP TABLE x; -- \\ backslash",
    '""" triple """ \' single \'',
    "/* unclosed nested comment",
    "\u202etxt.exe\u202c bidi \x00 nul \x1b[31m ansi",
)


def f(name: str, label: str, kind: FieldType, **kw: object) -> FieldSpec:
    return FieldSpec.model_validate({"name": name, "label": label, "type": kind, **kw})


def ref(name: str, label: str, target: str, *, required: bool = False) -> FieldSpec:
    return FieldSpec(
        name=name, label=label, type=FieldType.REFERENCE, reference=target, required=required
    )


def enum(name: str, label: str, *values: tuple[str, str], required: bool = True) -> FieldSpec:
    return FieldSpec(
        name=name,
        label=label,
        type=FieldType.ENUM,
        required=required,
        enum_values=[EnumValue(name=n, label=lbl) for n, lbl in values],
    )


def model(
    name: str, label: str, table: str, *fields: FieldSpec, description: str = ""
) -> DataModel:
    return DataModel(
        name=name, label=label, table_name=table, description=description, fields=list(fields)
    )


def many_to_one(owner: str, target: str, field: str) -> RelationSpec:
    return RelationSpec(
        from_model=owner, to_model=target, kind=RelationKind.MANY_TO_ONE, field_name=field
    )


def one_to_many(owner: str, child: str, field: str, *, label: str = "") -> RelationSpec:
    return RelationSpec(
        from_model=owner,
        to_model=child,
        kind=RelationKind.ONE_TO_MANY,
        field_name=field,
        label=label,
    )


def shop_spec() -> AppSpec:
    """Three entities: a reference, an enum, a many-to-many, ranges, lengths, a unique column."""
    return AppSpec(
        app_name="CampusShop",
        display_name="校园小店",
        package_name="com.example.campusshop",
        description="校园二手商品交易",
        models=[
            model(
                "Category",
                "分类",
                "categories",
                f("name", "名称", FieldType.STRING, required=True, unique=True, maxLength=50),
                f("description", "描述", FieldType.TEXT),
            ),
            model(
                "Product",
                "商品",
                "products",
                f("name", "名称", FieldType.STRING, required=True, minLength=2, maxLength=100),
                f("sku", "货号", FieldType.STRING, required=True, unique=True, maxLength=32),
                f("price", "价格", FieldType.DECIMAL, required=True, minValue=0, maxValue=99999.99),
                f("stock", "库存", FieldType.INT, minValue=0),
                f("onSale", "在售", FieldType.BOOLEAN, required=True),
                f("releasedOn", "上架日期", FieldType.DATE),
                f("lastSoldAt", "最近售出时间", FieldType.DATETIME),
                f("views", "浏览量", FieldType.LONG),
                enum("status", "状态", ("ON_SALE", "在售"), ("SOLD_OUT", "售罄")),
                ref("category", "分类", "Category", required=True),
                description="在售的二手商品",
            ),
            model(
                "Tag",
                "标签",
                "tags",
                f("name", "名称", FieldType.STRING, required=True, unique=True, maxLength=30),
            ),
        ],
        relations=[
            many_to_one("Product", "Category", "category"),
            one_to_many("Category", "Product", "category", label="商品"),
            RelationSpec(
                from_model="Product",
                to_model="Tag",
                kind=RelationKind.MANY_TO_MANY,
                field_name="tags",
                label="标签",
            ),
        ],
    )


def hostile_spec() -> AppSpec:
    """Names and labels chosen to break naive generators; must still give a clean project."""
    evil = INJECTIONS
    return AppSpec(
        app_name="class",
        display_name=evil[0],
        package_name="com.example.hostile",
        description=evil[1],
        models=[
            model(
                "User",
                "用户",
                "user",
                f("class", evil[0], FieldType.STRING, required=True),
                f("fun", evil[1], FieldType.TEXT, description=evil[2]),
                f("object", evil[3], FieldType.INT, minValue=5, maxValue=1),
                f("when", evil[4], FieldType.DATETIME),
                f("order", "排序", FieldType.INT, minValue=float("-inf"), maxValue=1e30),
                f("group", "分组", FieldType.STRING, minLength=10, maxLength=5),
                f("user", "用户", FieldType.STRING),
                f("2fa", "双重认证", FieldType.BOOLEAN),
                f("名称", "名称", FieldType.STRING, required=True),
                f("价格", "价格", FieldType.DECIMAL, minValue=0.001, maxValue=1e40),
                f("联系电话", "联系电话", FieldType.STRING),
                f("邮箱", "邮箱", FieldType.STRING),
                f("魑魅魍魉", "魑魅魍魉", FieldType.STRING),
                f("name", "name", FieldType.STRING),
                f("Name", "Name again", FieldType.STRING),
                f("id", "编号", FieldType.LONG),
                f("createdAt", "创建时间", FieldType.DATETIME),
                f("updatedAt", "更新时间", FieldType.STRING),
                f("dynamic", "动态", FieldType.STRING),
                f("suspend", "暂停", FieldType.BOOLEAN),
                f("value", "值", FieldType.STRING),
                f("select", "选择", FieldType.STRING),
                f("it", evil[5], FieldType.STRING),
                f("onCreate", "钩子", FieldType.STRING),
                f("parentId", "上级", FieldType.REFERENCE, reference="User"),
                f("ghost", "不存在的引用", FieldType.REFERENCE, reference="Nowhere"),
                f("mood", "心情", FieldType.ENUM),
                enum(
                    "level",
                    evil[6],
                    ("高", "高"),
                    ("low", "低"),
                    ("LOW", "又低"),
                    ("1st", "第一"),
                    ("", evil[0]),
                ),
                description=evil[2],
            ),
            model(
                "Order",
                evil[3],
                "order",
                ref("user", "用户", "User", required=True),
                ref("userId", "用户2", "user"),
                f("total", "总价", FieldType.DECIMAL, required=True),
            ),
            model("Group", "分组", "group", f("title", "标题", FieldType.STRING)),
            model("Table", "餐桌", "tables", f("seats", "座位数", FieldType.INT)),
            model("Page", "页面", "pages"),
            model("商品", "商品", "商品表", f("title", "标题", FieldType.STRING)),
            model("商品", "重复的商品", "products", f("title", "标题", FieldType.STRING)),
            model("9Lives", "九条命", "9lives", f("count", "数量", FieldType.INT)),
            model("UserRepository", "冲突的类名", "user_repository"),
            model("OrderStatus", "另一个冲突", "order_statuses"),
            model("", "", "", f("", "", FieldType.STRING)),
        ],
        relations=[
            many_to_one("Order", "User", "user"),
            RelationSpec(
                from_model="User",
                to_model="User",
                kind=RelationKind.MANY_TO_MANY,
                field_name="friends",
                label=evil[4],
            ),
            RelationSpec(
                from_model="User",
                to_model="Group",
                kind=RelationKind.MANY_TO_MANY,
                field_name="group",
                label="重名的集合",
            ),
            RelationSpec(
                from_model="Order",
                to_model="Table",
                kind=RelationKind.MANY_TO_MANY,
                field_name="tables",
            ),
            RelationSpec(
                from_model="Order",
                to_model="Table",
                kind=RelationKind.MANY_TO_MANY,
                field_name="tables",
            ),
            RelationSpec(
                from_model="Order",
                to_model="Nowhere",
                kind=RelationKind.MANY_TO_MANY,
                field_name="ghosts",
            ),
            many_to_one("Table", "Group", "group"),
            # One-to-many (fieldName = the child's reference): two references from the same
            # child (one with an injection label), a repeat, a self-reference, a collection name
            # instead of a reference name (a keyword), a child with no reference back and an
            # unknown child (both skipped).
            one_to_many("User", "Order", "userId", label=evil[2]),
            one_to_many("User", "Order", "user"),
            one_to_many("User", "Order", "user"),
            one_to_many("User", "User", "parentId"),
            one_to_many("Group", "Table", "object"),
            one_to_many("Group", "Page", "pages"),
            one_to_many("User", "Nowhere", "ghosts"),
        ],
    )


_KINDS = (
    FieldType.STRING,
    FieldType.TEXT,
    FieldType.INT,
    FieldType.LONG,
    FieldType.DECIMAL,
    FieldType.BOOLEAN,
    FieldType.DATE,
    FieldType.DATETIME,
)


def sized_spec(entities: int) -> AppSpec:
    """``entities`` models of eight fields each, every one after the first referencing earlier
    ones; every third has a many-to-many and an enum. Sized like large real requirements."""
    models: list[DataModel] = []
    relations: list[RelationSpec] = []
    for i in range(entities):
        name = f"Entity{i:02d}"
        fields = [
            f(
                f"{kind.value}Field",
                f"字段{kind.value}",
                kind,
                required=j % 2 == 0,
                **({"maxLength": 80} if kind is FieldType.STRING else {}),
            )
            for j, kind in enumerate(_KINDS)
        ]
        if i > 0:
            target = f"Entity{(i - 1) // 2:02d}"
            fields.append(ref("parent", "上级", target, required=i % 2 == 0))
            relations.append(many_to_one(name, target, "parent"))
        if i % 3 == 0:
            fields.append(enum("state", "状态", ("DRAFT", "草稿"), ("DONE", "已完成")))
            if i > 0:
                relations.append(
                    RelationSpec(
                        from_model=name,
                        to_model=f"Entity{i - 1:02d}",
                        kind=RelationKind.MANY_TO_MANY,
                        field_name="links",
                    )
                )
        models.append(model(name, f"实体{i}", f"entity_{i:02d}s", *fields))
    return AppSpec(
        app_name=f"Sized{entities}",
        display_name=f"{entities}个实体的应用",
        package_name=f"com.example.sized{entities}",
        models=models,
        relations=relations,
    )

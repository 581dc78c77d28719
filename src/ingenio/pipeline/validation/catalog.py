"""Every rule the validator knows: a stable code, its severity, the rubric dimension it counts
against, and the Chinese message and suggestion the user reads.

Keeping the wording here, away from the checks, lets the codes and texts be reviewed (and
translated) in one place; the checks only name a code and pass the values to fill in.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ingenio.pipeline.report import Severity


class Dimension(StrEnum):
    """Rubric dimensions of the quality score (ScoreDimension.name)."""

    COMPLETENESS = "completeness"
    CONSISTENCY = "consistency"
    NAMING = "naming"
    API = "api_coverage"
    UI = "ui_coverage"
    SECURITY = "security"
    REVIEW = "review"


DIMENSION_LABELS: dict[Dimension, str] = {
    Dimension.COMPLETENESS: "完整性",
    Dimension.CONSISTENCY: "一致性",
    Dimension.NAMING: "命名规范",
    Dimension.API: "API覆盖",
    Dimension.UI: "界面覆盖",
    Dimension.SECURITY: "权限设计",
    Dimension.REVIEW: "LLM评审",
}


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    severity: Severity
    dimension: Dimension
    message: str  # str.format template filled with the check's values
    suggestion: str


_E, _W = Severity.ERROR, Severity.WARNING
_C, _K = Dimension.COMPLETENESS, Dimension.CONSISTENCY
_N, _A, _U, _S = Dimension.NAMING, Dimension.API, Dimension.UI, Dimension.SECURITY

# fmt: off
_RULES = [
    # --- errors: the spec cannot be generated as it stands -------------------------------
    Rule("NO_MODELS", _E, _C, "AppSpec中没有任何数据模型",
         "请至少定义一个数据模型（实体），例如“商品”“订单”"),
    Rule("MODEL_NAME_DUPLICATE", _E, _N, "模型名“{name}”与第{first}个模型重复（不区分大小写）",
         "每个模型名必须唯一，请重命名或合并重复的模型"),
    Rule("TABLE_NAME_DUPLICATE", _E, _N, "表名“{name}”与模型“{other}”的表名重复",
         "请为每个模型使用不同的表名"),
    Rule("FIELD_NAME_DUPLICATE", _E, _N, "模型“{model}”中的字段名“{name}”重复（不区分大小写）",
         "请重命名或删除重复的字段"),
    Rule("FIELD_NAME_IMPLICIT", _E, _N,
         "模型“{model}”中的字段“{name}”与自动生成的字段冲突",
         "请删除该字段：每个模型都自动包含id、createdAt和updatedAt"),
    Rule("REF_MISSING_TARGET", _E, _K, "引用字段“{model}.{field}”没有指定目标模型",
         "请在reference中填写目标模型名，例如“User”"),
    Rule("REF_UNKNOWN_MODEL", _E, _K, "引用字段“{model}.{field}”的目标模型“{target}”不存在",
         "请改为已定义的模型名，或添加模型“{target}”"),
    Rule("ENUM_NO_VALUES", _E, _C, "枚举字段“{model}.{field}”没有定义枚举值",
         "请在enumValues中列出取值，例如 ON_SALE（在售）、SOLD（已售出）"),
    Rule("ENUM_VALUE_DUPLICATE", _E, _N, "枚举字段“{model}.{field}”的取值“{name}”重复",
         "同一枚举中每个取值的名称必须唯一"),
    Rule("LENGTH_RANGE_INVALID", _E, _C,
         "字段“{model}.{field}”的最小长度{min}大于最大长度{max}",
         "请调整minLength和maxLength，使最小长度不大于最大长度"),
    Rule("VALUE_RANGE_INVALID", _E, _C, "字段“{model}.{field}”的最小值{min}大于最大值{max}",
         "请调整minValue和maxValue，使最小值不大于最大值"),
    Rule("RELATION_UNKNOWN_MODEL", _E, _K, "第{index}个关系引用了不存在的模型“{name}”",
         "请使用已定义的模型名，或先添加模型“{name}”"),
    Rule("RELATION_FIELD_UNKNOWN", _E, _K,
         "多对一关系 {model}.{field} 在模型“{model}”中找不到对应字段",
         "请在模型“{model}”中添加引用字段“{field}”，或把fieldName改为已有的引用字段"),
    Rule("RELATION_FIELD_NOT_REFERENCE", _E, _K,
         "多对一关系 {model}.{field} 对应的字段类型是{type}，不是reference",
         "请把字段“{field}”的类型改为reference并指定目标模型"),
    Rule("ENDPOINT_UNKNOWN_MODEL", _E, _K, "接口 {method} {path} 绑定的模型“{name}”不存在",
         "请把model改为已定义的模型名"),
    Rule("PAGE_UNKNOWN_MODEL", _E, _K, "页面“{page}”绑定的模型“{name}”不存在",
         "请把model改为已定义的模型名"),
    Rule("PAGE_MISSING_MODEL", _E, _K, "{type}页面“{page}”没有绑定模型",
         "只有仪表盘（dashboard）页面可以不绑定模型，请为该页面指定model"),
    Rule("PACKAGE_NAME_INVALID", _E, _N, "包名“{name}”不合法：{reason}",
         "请使用小写的点分包名，例如 com.example.shop"),
    # --- warnings: generated, but the user should know -----------------------------------
    Rule("NAME_NOT_PASCAL_CASE", _W, _N, "{kind}“{name}”不是PascalCase（大驼峰）英文标识符",
         "建议改为大驼峰英文名，例如“{example}”；代码生成器会自动转换为合法标识符"),
    Rule("NAME_NOT_CAMEL_CASE", _W, _N, "字段“{model}.{name}”不是camelCase（小驼峰）英文标识符",
         "建议改为小驼峰英文名，例如“unitPrice”；代码生成器会自动转换为合法标识符"),
    Rule("NAME_NOT_SNAKE_CASE", _W, _N, "模型“{model}”的表名“{name}”不是snake_case（小写下划线）",
         "建议使用小写字母、数字和下划线，例如“order_items”"),
    Rule("NAME_NOT_UPPER_SNAKE_CASE", _W, _N, "{kind}“{name}”不是大写下划线形式",
         "建议改为大写字母、数字和下划线，例如“{example}”"),
    Rule("NAME_RESERVED_KOTLIN", _W, _N, "{kind}“{name}”是Kotlin关键字或内置类型名",
         "代码生成器会自动重命名它；建议直接换一个名称，例如加上业务前缀"),
    Rule("NAME_RESERVED_SQL", _W, _N, "{kind}“{name}”是SQL保留字",
         "代码生成器会自动重命名对应的表或列；建议直接换一个名称，例如加上业务前缀"),
    Rule("MODEL_NO_FIELDS", _W, _C, "模型“{model}”没有任何字段",
         "请补充该实体的业务字段，例如名称、状态、金额等"),
    Rule("MODEL_FEW_FIELDS", _W, _C, "模型“{model}”只有1个字段",
         "实体通常不止一个属性，请确认是否遗漏了字段"),
    Rule("MODEL_NO_REQUIRED_FIELD", _W, _C, "模型“{model}”没有必填字段",
         "请把关键字段（例如名称、标题）标记为required"),
    Rule("STRING_NO_MAX_LENGTH", _W, _C, "字符串字段“{model}.{field}”没有设置最大长度",
         "建议设置maxLength（例如名称100、标题200），以便校验输入并确定列长度"),
    Rule("UNIQUE_KEY_MISSING", _W, _C, "字段“{model}.{field}”通常应当唯一，但没有标记unique",
         "建议设置unique为true，避免出现重复数据"),
    Rule("REF_NO_RELATION", _W, _K,
         "引用字段“{model}.{field}”在relations中没有对应的many_to_one关系",
         "请添加关系：fromModel={model}，toModel={target}，kind=many_to_one，fieldName={field}"),
    Rule("RELATION_TARGET_MISMATCH", _W, _K,
         "多对一关系 {model}.{field} 指向“{to}”，但该字段引用的是“{target}”",
         "请让关系的toModel与字段的reference保持一致"),
    Rule("RELATION_NO_INVERSE", _W, _K,
         "一对多关系 {model} → {to} 没有对应的引用字段（{to}中没有引用{model}的字段）",
         "请在模型“{to}”中添加引用“{model}”的reference字段及其many_to_one关系"),
    Rule("PERMISSION_UNKNOWN_MODEL", _W, _K, "角色“{role}”的权限引用了不存在的模型“{name}”",
         "请把model改为已定义的模型名，或删除这条权限"),
    Rule("MODEL_NOT_REACHABLE", _W, _A, "模型“{model}”没有任何API端点",
         "请为它添加增删改查接口，例如 GET /api/{plural}"),
    Rule("MODEL_MISSING_CRUD", _W, _A, "模型“{model}”缺少以下操作的API端点：{ops}",
         "请补充对应的端点，使该模型可以完整地增删改查"),
    Rule("ENDPOINT_DUPLICATE", _W, _A, "接口 {method} {path} 与第{first}个端点的路由相同",
         "请删除重复的端点或修改其路径"),
    Rule("ENDPOINT_PATH_NOT_API", _W, _A, "接口路径“{path}”不以/api/开头",
         "建议所有接口统一使用/api/前缀，例如 /api/products"),
    Rule("MODEL_MISSING_PAGES", _W, _U, "模型“{model}”缺少{types}页面",
         "请补充对应页面，使用户可以浏览、查看和编辑该数据"),
    Rule("NO_ROLES", _W, _S, "没有定义任何角色",
         "建议至少定义管理员（ADMIN）和普通用户（USER）角色，并为其分配权限"),
    Rule("ROLE_NO_PERMISSIONS", _W, _S, "角色“{role}”没有任何权限",
         "请在permissions中为该角色授予模型的操作权限，或删除该角色"),
    Rule("MODEL_WITHOUT_PERMISSION", _W, _S, "没有任何角色拥有模型“{model}”的权限",
         "请在某个角色的permissions中授予该模型的操作权限"),
    Rule("LABEL_MISSING", _W, _C, "{kind}“{name}”缺少显示名称",
         "请填写面向用户的显示名称（例如中文名称）"),
    Rule("DESCRIPTION_MISSING", _W, _C, "{kind}“{name}”缺少描述",
         "请用一句话说明它的用途"),
]
# fmt: on

RULES: dict[str, Rule] = {rule.code: rule for rule in _RULES}

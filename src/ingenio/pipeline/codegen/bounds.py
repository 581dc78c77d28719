"""Making a spec's length and value limits safe to emit as Jakarta Validation annotations.

Hibernate Validator throws on every request if @Size has min > max, so an inconsistent spec
would give a project that answers 500 to everything; an infinite or huge bound would not even
compile. Limits that contradict each other or the column type are dropped rather than guessed.
"""

from __future__ import annotations

import math
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from ingenio.pipeline.codegen.model import DECIMAL_PRECISION, Kind

INT_RANGE = (-(2**31), 2**31 - 1)
LONG_RANGE = (-(2**63), 2**63 - 1)
DECIMAL_LIMIT = Decimal(10) ** (DECIMAL_PRECISION[0] - DECIMAL_PRECISION[1])
_STEP = Decimal(1).scaleb(-DECIMAL_PRECISION[1])


def lengths(
    kind: Kind, min_length: int | None, max_length: int | None
) -> tuple[int | None, int | None]:
    """(min, max) string lengths worth declaring; only text kinds have them."""
    if kind not in (Kind.STRING, Kind.TEXT):
        return None, None
    if min_length is not None and (min_length <= 0 or (max_length and min_length > max_length)):
        min_length = None
    return min_length, max_length


def values(kind: Kind, low: float | None, high: float | None) -> tuple[str | None, str | None]:
    """(min, max) as plain decimal literals, or None where no limit applies."""
    if kind in (Kind.INT, Kind.LONG):
        lo_int, hi_int = INT_RANGE if kind is Kind.INT else LONG_RANGE
        lo = _whole(low, up=True, lowest=lo_int, highest=hi_int)
        hi = _whole(high, up=False, lowest=lo_int, highest=hi_int)
    elif kind is Kind.DECIMAL:
        lo = _decimal(low, ROUND_CEILING)
        hi = _decimal(high, ROUND_FLOOR)
    else:
        return None, None
    if lo is not None and hi is not None and Decimal(lo) > Decimal(hi):
        return None, None
    return lo, hi


def _whole(value: float | None, *, up: bool, lowest: int, highest: int) -> str | None:
    if value is None or not math.isfinite(value):
        return None
    whole = math.ceil(value) if up else math.floor(value)
    # A bound at or beyond the type's own range says nothing the type does not already say.
    return str(whole) if lowest < whole < highest else None


def _decimal(value: float | None, rounding: str) -> str | None:
    if value is None or not math.isfinite(value) or abs(value) >= DECIMAL_LIMIT:
        return None
    rounded = Decimal(repr(value)).quantize(_STEP, rounding=rounding)
    return format(rounded.normalize(), "f") if rounded else "0"

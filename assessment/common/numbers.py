"""The one parse of a typed or stored number (workbook cells, form and grid input): bounded before converting.

`Decimal("1e999999999")` is instant, but what follows it is not: `int()` of it builds a billion-digit integer and
an integral check or a quantize runs for minutes. So a text is refused by length before Decimal sees it, and a
number by the size of its exponent before anyone converts or compares it. No field holds anything near the bounds.
"""

import math
import re
from decimal import Decimal, InvalidOperation

# Longer than any number a field holds, written out with sign, thousands separators and decimals.
MAX_TEXT = 40
# |adjusted exponent| above this is refused: the widest field has 16 integer digits and 4 decimals.
MAX_EXPONENT = 30
_NUMERIC_LOOKING = re.compile(r"[\s+\-.,0-9eE]+")


def number_parse(raw, *, label: str = "") -> Decimal:
    """`raw` (a Decimal, int, float or text) as a finite Decimal of bounded size.

    Raises ValueError with a Chinese message, naming `label` when given: "不是数字" or "超出范围".
    """
    if isinstance(raw, bool):
        raise ValueError(_message(label, raw, "不是数字"))
    if isinstance(raw, Decimal):
        number = raw
    elif isinstance(raw, int):
        if raw.bit_length() > 128:  # str() of a huge int is itself slow, and Python refuses it past 4,300 digits
            raise ValueError(_message(label, "…", "超出范围"))
        number = Decimal(raw)
    elif isinstance(raw, float):
        if math.isinf(raw):  # what Excel's <v>1E+999999999</v> becomes as a float
            raise ValueError(_message(label, raw, "超出范围"))
        number = Decimal(repr(raw))  # the shortest round-trip text: 0.1 stays 0.1
    else:
        text = str(raw).strip()
        if len(text) > MAX_TEXT:
            problem = "超出范围" if _NUMERIC_LOOKING.fullmatch(text) else "不是数字"
            raise ValueError(_message(label, text, problem))
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(_message(label, text, "不是数字")) from None
    if not number.is_finite():
        raise ValueError(_message(label, raw, "不是数字"))
    if number and abs(number.adjusted()) > MAX_EXPONENT:
        raise ValueError(_message(label, raw, "超出范围"))
    return number


def _message(label: str, raw, problem: str) -> str:
    shown = str(raw).strip()
    if len(shown) > MAX_TEXT:
        shown = shown[:MAX_TEXT] + "…"
    return f"{label}“{shown}”{problem}"

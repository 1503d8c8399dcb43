"""Target phrases, in English and Chinese, read as typed targets.

"the number of high-tech enterprises exceeded 13,000" and "高新技术企业突破13000家"
both become a :class:`~innovplan.model.Target` with a comparator, a value with its
unit, a measure, a direction and the words it came from. The supported words and
their readings are listed in ``docs/targets.md``.

Example:
    >>> from innovplan.text import explain, parse_targets
    >>> for t in parse_targets("科技贷款、科技保险、创业投资均保持10%以上增长", year=2023):
    ...     print(explain(t))
    科技贷款 ≥ 10 % by 2023-12-31 (GROWTH, higher is better, assumed)
    科技保险 ≥ 10 % by 2023-12-31 (GROWTH, higher is better, assumed)
    创业投资 ≥ 10 % by 2023-12-31 (GROWTH, higher is better, assumed)
"""

from innovplan.text._api import parse_target, parse_targets
from innovplan.text._cell import parse_cell
from innovplan.text._explain import explain

__all__ = ["explain", "parse_cell", "parse_target", "parse_targets"]

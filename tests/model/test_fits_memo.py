"""The memo of unit checks keeps answering after many targets were built one by one."""

from __future__ import annotations

from innovplan import Q_
from innovplan.model import Basis, _target


def test_a_full_memo_is_emptied_and_takes_the_new_unit() -> None:
    # Entries of long-gone unit terms fill the memo (targets built one by one
    # each bring terms of their own); the next unit must still be memoised.
    saved = dict(_target._FITS)
    try:
        _target._FITS.clear()
        stale = object()
        for i in range(_target._FITS_SIZE):
            _target._FITS[(i, i, "enterprise")] = (stale, True)
        terms = Q_(3, "enterprise")._units
        # An enterprise count fits an indicator counted in enterprises.
        assert _target._fits("enterprise", Basis.VALUE, terms) is True
        key = (id(terms), id(Basis.VALUE), "enterprise")
        assert {key: (terms, True)} == _target._FITS
        # A count of years does not fit it (time against a count): the answer
        # is memoised beside the first.
        years = Q_(3, "year")._units
        assert _target._fits("enterprise", Basis.VALUE, years) is False
        assert len(_target._FITS) == 2
    finally:
        _target._FITS.clear()
        _target._FITS.update(saved)

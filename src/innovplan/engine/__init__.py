"""The numeric core: targets and observations as float64 columns, and pure kernels over them.

Nothing here holds pint objects inside a loop: magnitudes arrive converted to each
indicator's canonical unit, enum members as small integer codes, dates as
fractional years, and missing values as NaN. The public functions of
:mod:`innovplan.evaluate` convert once per column and call these kernels, so a
single target and a million targets run the same code.
"""

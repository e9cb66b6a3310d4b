"""The argument error of the analysis toolkit (catalogue G12: every error is a ``ValueError``)."""

from __future__ import annotations

from ..errors import ArgumentTypeError

__all__ = ["AnalysisArgumentError"]


class AnalysisArgumentError(ArgumentTypeError, ValueError):
    """An argument of ``sc_neurocore.analysis`` that cannot be converted: a string where a
    number is expected, a spike train that is not an array of numbers, a bool where an
    integer is expected... It is a ``ValueError`` (the catalogue's rule G12: the only error
    the toolkit raises) and also the package's :class:`~sc_neurocore.errors.ArgumentTypeError`
    (a ``TypeError``), so either ``except`` clause catches it. Attribute: ``object`` (the
    function)."""

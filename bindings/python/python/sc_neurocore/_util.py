"""Argument checks shared by the Python layer (types here; values are checked by the
engine, whose messages name the object, field, value and valid range)."""

from __future__ import annotations

import math
import numbers
from typing import Any, Optional

import numpy as np

from .errors import ArgumentTypeError, OutOfRangeError, ShapeMismatchError
from .units import convert


def type_name(x: Any) -> str:
    """The type name of ``x`` for messages."""
    return type(x).__name__


def check_int(obj: str, field: str, value: Any, minimum: int = 0) -> int:
    """``value`` as an int >= ``minimum`` (bools are refused)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        if isinstance(value, numbers.Real) and float(value).is_integer():
            value = int(value)
        else:
            raise ArgumentTypeError(
                f"{obj}: {field} must be an integer, got {type_name(value)} {value!r}"
            )
    value = int(value)
    if value < minimum:
        raise OutOfRangeError(
            f"{obj}: {field} = {value} is out of range; valid range: [{minimum}, inf)",
            object=obj,
            field=field,
            value=str(value),
            range=f"[{minimum}, inf)",
        )
    return value


def check_float(obj: str, field: str, value: Any, unit: Optional[str] = None) -> float:
    """``value`` as a float (type only; the engine checks the range). A
    :class:`~sc_neurocore.units.Quantity` is converted to ``unit`` (default: the API's unit
    of its kind, seconds for times)."""
    value = convert(obj, field, value, unit)
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ArgumentTypeError(
            f"{obj}: {field} must be a number, got {type_name(value)} {value!r}"
        )
    return float(value)


def check_optional_float(
    obj: str, field: str, value: Any, unit: Optional[str] = None
) -> Optional[float]:
    """``None`` or a float (a quantity converted to ``unit``)."""
    return None if value is None else check_float(obj, field, value, unit)


def check_str(obj: str, field: str, value: Any) -> str:
    """``value`` as a string."""
    if not isinstance(value, str):
        raise ArgumentTypeError(
            f"{obj}: {field} must be a string, got {type_name(value)} {value!r}"
        )
    return value


def scalar_or_array(
    obj: str, field: str, value: Any, n: Optional[int] = None, unit: Optional[str] = None
):
    """A number as ``float``, or an array-like as a C-contiguous 1-D float64 array (of
    length ``n`` if given). Conversion is one vectorised NumPy call; a quantity is converted
    to ``unit`` first."""
    value = convert(obj, field, value, unit)
    if isinstance(value, bool):
        raise ArgumentTypeError(f"{obj}: {field} must be a number or an array, got bool")
    if isinstance(value, numbers.Real):
        return float(value)
    try:
        arr = np.ascontiguousarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise ArgumentTypeError(
            f"{obj}: {field} must be a number or an array of numbers, got "
            f"{type_name(value)}"
        ) from None
    if arr.ndim == 0:
        return float(arr)
    if arr.ndim != 1:
        raise ShapeMismatchError(
            f"{obj}: {field} has {arr.ndim} dimensions, expected a number or a 1-D array",
            object=obj,
            field=field,
            got=arr.ndim,
            expected="1",
        )
    if n is not None and arr.shape[0] != n:
        raise ShapeMismatchError(
            f"{obj}: {field} has size {arr.shape[0]}, expected {n}",
            object=obj,
            field=field,
            got=arr.shape[0],
            expected=str(n),
        )
    return arr


def float_array(
    obj: str, field: str, value: Any, ndim: int = 1, unit: Optional[str] = None
) -> np.ndarray:
    """An array-like as a C-contiguous float64 array of ``ndim`` dimensions (a quantity
    converted to ``unit`` first)."""
    value = convert(obj, field, value, unit)
    try:
        arr = np.ascontiguousarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise ArgumentTypeError(
            f"{obj}: {field} must be an array of numbers, got {type_name(value)}"
        ) from None
    if arr.ndim != ndim:
        raise ShapeMismatchError(
            f"{obj}: {field} has {arr.ndim} dimensions, expected {ndim}",
            object=obj,
            field=field,
            got=arr.ndim,
            expected=str(ndim),
        )
    return arr


def int_array(obj: str, field: str, value: Any) -> np.ndarray:
    """An array-like of integers as a C-contiguous 1-D int64 array."""
    arr = np.asarray(value)
    if arr.dtype.kind not in "iu":
        if arr.dtype.kind == "f" and arr.size and np.all(np.isfinite(arr)) and np.all(
            arr == np.round(arr)
        ):
            arr = arr.astype(np.int64)
        elif arr.size == 0:
            arr = arr.astype(np.int64)
        else:
            raise ArgumentTypeError(
                f"{obj}: {field} must be an array of integers, got dtype {arr.dtype}"
            )
    if arr.ndim != 1:
        raise ShapeMismatchError(
            f"{obj}: {field} has {arr.ndim} dimensions, expected 1",
            object=obj,
            field=field,
            got=arr.ndim,
            expected="1",
        )
    if arr.dtype.kind == "u" and arr.size and arr.max() > np.iinfo(np.int64).max:
        raise OutOfRangeError(
            f"{obj}: {field} has a value above the int64 range",
            object=obj,
            field=field,
            value=str(arr.max()),
            range="[0, 2^63)",
        )
    return np.ascontiguousarray(arr, dtype=np.int64)


def same_float(a: float, b: float) -> bool:
    """Whether two step sizes are the same (relative 1e-9)."""
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=0.0)

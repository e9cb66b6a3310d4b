"""Units you can write: ``from sc_neurocore.units import ms, mV, nS, pA, Hz``.

Every number the API takes has a documented unit (network times, delays and synaptic time
constants in seconds; neuron parameters in their model's unit, e.g. ms, mV, pA, nS; rates in
Hz). A plain number is read in that unit, as before. A value written with a unit —
``5 * ms``, ``-80 * mV``, ``np.linspace(0, 500, 11) * pA`` — is a :class:`Quantity` and is
converted to the parameter's unit where it is given, so ``tau_syn=5 * ms`` and
``tau_syn=5e-3`` are the same, and so are ``params={"tau_m": 20 * ms}`` and ``{"tau_m":
20.0}``. A quantity of the wrong kind (``tau_syn=5 * mV``) is an error naming the field and
the unit it takes.

Values written as plain numbers are checked for plausibility: a value orders of magnitude off
its kind (a synaptic time constant of seconds, a delay over 0.1 s, a step above a tenth of the
time constant it must resolve, a membrane time constant of 0.02 ms) gives a :class:`UnitWarning`
naming the value, its unit and what was probably meant.

The quantities are deliberately small (three base dimensions: time, voltage, current; every
unit the API uses is a product of their powers) so that the package needs nothing beyond
NumPy; ``docs/decisions.md`` says why.
"""

from __future__ import annotations

import math
import numbers
import os
import re
import sys
import warnings
from typing import Any, Dict, Optional, Tuple

import numpy as np

__all__ = [
    "Quantity",
    "UnitWarning",
    "in_unit",
    "second",
    "s",
    "ms",
    "us",
    "volt",
    "V",
    "mV",
    "uV",
    "amp",
    "A",
    "uA",
    "nA",
    "pA",
    "siemens",
    "S",
    "mS",
    "uS",
    "nS",
    "farad",
    "F",
    "uF",
    "nF",
    "pF",
    "ohm",
    "Mohm",
    "Gohm",
    "hertz",
    "Hz",
    "kHz",
]

# Exponents of (second, volt, ampere).
Dim = Tuple[int, int, int]

_DIM_NAMES: Dict[Dim, str] = {
    (1, 0, 0): "time",
    (0, 1, 0): "voltage",
    (0, 0, 1): "current",
    (0, -1, 1): "conductance",
    (1, -1, 1): "capacitance",
    (0, 1, -1): "resistance",
    (-1, 0, 0): "frequency",
    (0, 0, 0): "dimensionless",
}


class UnitWarning(UserWarning):
    """A value that is implausible in its documented unit (probably written in another)."""


class Quantity:
    """A number or NumPy array with a unit: ``value`` in SI base units (s, V, A) and the
    exponents of those units. Made by multiplying with the constants of this module
    (``5 * ms``); read back in any unit with :func:`in_unit` (``in_unit(q, "ms")``) or by
    division (``q / ms``, a plain number)."""

    __slots__ = ("value", "dim")
    # NumPy defers to Quantity's operators (``array * mV`` is a Quantity, not an object array).
    __array_ufunc__ = None

    def __init__(self, value: Any, dim: Dim) -> None:
        self.value = value
        self.dim = tuple(dim)

    def _new(self, value: Any, dim: Dim) -> Any:
        if all(d == 0 for d in dim):
            return value
        return Quantity(value, dim)

    def __mul__(self, other: Any) -> Any:
        if isinstance(other, Quantity):
            return self._new(
                self.value * other.value, tuple(a + b for a, b in zip(self.dim, other.dim))
            )
        return Quantity(self.value * _magnitude(other), self.dim)

    __rmul__ = __mul__

    def __truediv__(self, other: Any) -> Any:
        if isinstance(other, Quantity):
            return self._new(
                self.value / other.value, tuple(a - b for a, b in zip(self.dim, other.dim))
            )
        return Quantity(self.value / _magnitude(other), self.dim)

    def __rtruediv__(self, other: Any) -> Any:
        return Quantity(_magnitude(other) / self.value, tuple(-a for a in self.dim))

    def __pow__(self, k: int) -> "Quantity":
        if not isinstance(k, numbers.Integral):
            raise TypeError("Quantity: only integer powers keep a unit")
        return Quantity(self.value**k, tuple(a * int(k) for a in self.dim))

    def _same(self, other: Any, op: str) -> "Quantity":
        if not isinstance(other, Quantity) or other.dim != self.dim:
            raise TypeError(
                f"Quantity: cannot {op} {_describe_dim(self.dim)} and "
                f"{_describe_dim(other.dim) if isinstance(other, Quantity) else 'a plain number'}"
            )
        return other

    def __add__(self, other: Any) -> "Quantity":
        return Quantity(self.value + self._same(other, "add").value, self.dim)

    __radd__ = __add__

    def __sub__(self, other: Any) -> "Quantity":
        return Quantity(self.value - self._same(other, "subtract").value, self.dim)

    def __rsub__(self, other: Any) -> "Quantity":
        return Quantity(self._same(other, "subtract").value - self.value, self.dim)

    def __neg__(self) -> "Quantity":
        return Quantity(-self.value, self.dim)

    def __pos__(self) -> "Quantity":
        return self

    def __abs__(self) -> "Quantity":
        return Quantity(abs(self.value), self.dim)

    def __eq__(self, other: Any) -> Any:
        return isinstance(other, Quantity) and other.dim == self.dim and np.all(
            self.value == other.value
        )

    def __lt__(self, other: Any) -> Any:
        return self.value < self._same(other, "compare").value

    def __le__(self, other: Any) -> Any:
        return self.value <= self._same(other, "compare").value

    def __gt__(self, other: Any) -> Any:
        return self.value > self._same(other, "compare").value

    def __ge__(self, other: Any) -> Any:
        return self.value >= self._same(other, "compare").value

    __hash__ = None  # type: ignore[assignment]

    def __len__(self) -> int:
        return len(self.value)

    def __getitem__(self, i: Any) -> "Quantity":
        return Quantity(self.value[i], self.dim)

    def __float__(self) -> float:
        raise TypeError(
            f"Quantity {self!r}: float() would drop its unit; read it in a unit with "
            "in_unit(q, 'ms') or q / ms"
        )

    def __repr__(self) -> str:
        unit = _DISPLAY.get(self.dim)
        if unit is None:
            return f"Quantity({self.value!r} SI, {_describe_dim(self.dim)})"
        v = self.value / _UNITS[unit][0]
        if np.ndim(v) == 0:
            return f"{float(v):g} {unit}"
        return f"array([{', '.join(f'{x:g}' for x in np.ravel(v))}]) {unit}"


def _magnitude(x: Any) -> Any:
    if isinstance(x, (numbers.Real, np.ndarray)):
        return x
    return np.asarray(x, dtype=np.float64)


def _describe_dim(dim: Dim) -> str:
    name = _DIM_NAMES.get(tuple(dim))
    if name is not None:
        return f"a {name}" if name != "dimensionless" else "a plain number"
    parts = [f"{u}^{e}" for u, e in zip(("s", "V", "A"), dim) if e]
    return "a quantity in " + " ".join(parts)


def _unit(scale: float, dim: Dim) -> Quantity:
    return Quantity(scale, dim)


_T, _V, _I = (1, 0, 0), (0, 1, 0), (0, 0, 1)
_G, _C, _R, _HZ = (0, -1, 1), (1, -1, 1), (0, 1, -1), (-1, 0, 0)

# Unit strings the API's documentation uses: scale to SI and dimension.
_UNITS: Dict[str, Tuple[float, Dim]] = {
    "s": (1.0, _T),
    "ms": (1e-3, _T),
    "us": (1e-6, _T),
    "V": (1.0, _V),
    "mV": (1e-3, _V),
    "uV": (1e-6, _V),
    "A": (1.0, _I),
    "mA": (1e-3, _I),
    "uA": (1e-6, _I),
    "nA": (1e-9, _I),
    "pA": (1e-12, _I),
    "S": (1.0, _G),
    "mS": (1e-3, _G),
    "uS": (1e-6, _G),
    "nS": (1e-9, _G),
    "F": (1.0, _C),
    "uF": (1e-6, _C),
    "nF": (1e-9, _C),
    "pF": (1e-12, _C),
    "Ohm": (1.0, _R),
    "MOhm": (1e6, _R),
    "GOhm": (1e9, _R),
    "Hz": (1.0, _HZ),
    "kHz": (1e3, _HZ),
}
# How a quantity prints, by dimension.
_DISPLAY: Dict[Dim, str] = {
    _T: "s", _V: "mV", _I: "pA", _G: "nS", _C: "pF", _R: "MOhm", _HZ: "Hz"
}
# The API's unit for a quantity given where the documentation names no unit of its own:
# network times in seconds, rates in Hz; the others as the neuron models write them.
CANONICAL: Dict[Dim, str] = {
    _T: "s", _V: "mV", _I: "pA", _G: "nS", _C: "pF", _R: "MOhm", _HZ: "Hz"
}

second = s = _unit(1.0, _T)
ms = _unit(1e-3, _T)
us = _unit(1e-6, _T)
volt = V = _unit(1.0, _V)
mV = _unit(1e-3, _V)
uV = _unit(1e-6, _V)
amp = A = _unit(1.0, _I)
uA = _unit(1e-6, _I)
nA = _unit(1e-9, _I)
pA = _unit(1e-12, _I)
siemens = S = _unit(1.0, _G)
mS = _unit(1e-3, _G)
uS = _unit(1e-6, _G)
nS = _unit(1e-9, _G)
farad = F = _unit(1.0, _C)
uF = _unit(1e-6, _C)
nF = _unit(1e-9, _C)
pF = _unit(1e-12, _C)
ohm = _unit(1.0, _R)
Mohm = _unit(1e6, _R)
Gohm = _unit(1e9, _R)
hertz = Hz = _unit(1.0, _HZ)
kHz = _unit(1e3, _HZ)


def parse_unit(unit: str) -> Optional[Tuple[float, Dim]]:
    """``(scale to SI, dimension)`` of a documented unit string (``"ms"``, ``"1/ms"``,
    ``"mV/ms"``, ``"pA/mV"``...), or None for units this module does not express
    (``"mS/cm^2"``, ``"uM"``, ``"1"``)."""
    unit = unit.strip()
    if unit in _UNITS:
        return _UNITS[unit]
    m = re.fullmatch(r"(1|[A-Za-z]+)\s*/\s*([A-Za-z]+)", unit)
    if m is None:
        return None
    num = (1.0, (0, 0, 0)) if m.group(1) == "1" else _UNITS.get(m.group(1))
    den = _UNITS.get(m.group(2))
    if num is None or den is None:
        return None
    return num[0] / den[0], tuple(a - b for a, b in zip(num[1], den[1]))


def in_unit(value: Any, unit: str) -> Any:
    """The magnitude of quantity ``value`` in ``unit`` (a number or an array)."""
    spec = parse_unit(unit)
    if spec is None:
        raise ValueError(f"in_unit: unknown unit '{unit}'")
    if not isinstance(value, Quantity):
        raise TypeError(f"in_unit: {value!r} has no unit")
    if value.dim != spec[1]:
        raise ValueError(
            f"in_unit: {value!r} is {_describe_dim(value.dim)}, not {_describe_dim(spec[1])}"
        )
    return value.value / spec[0]


def convert(obj: str, field: str, value: Any, unit: Optional[str]) -> Any:
    """``value`` in ``unit``: a :class:`Quantity` is converted (an error if its dimension is
    not ``unit``'s), anything else is returned unchanged (a plain number is already in
    ``unit``). With ``unit=None`` a quantity is converted to the API's unit of its kind
    (seconds for times, Hz for rates, mV, pA, nS, pF)."""
    if not isinstance(value, Quantity):
        return value
    from .errors import ArgumentTypeError

    if unit is None:
        unit = CANONICAL.get(value.dim)
        if unit is None:
            raise ArgumentTypeError(
                f"{obj}: {field} = {value!r} is {_describe_dim(value.dim)}, which no field "
                "of the API takes"
            )
    spec = parse_unit(unit)
    if spec is None:
        raise ArgumentTypeError(
            f"{obj}: {field} is in {unit}, which sc_neurocore.units does not express; give "
            f"a plain number in {unit} (got {value!r})"
        )
    if value.dim != spec[1]:
        raise ArgumentTypeError(
            f"{obj}: {field} = {value!r} is {_describe_dim(value.dim)}; {field} is "
            f"{_describe_dim(spec[1])} in {unit} (e.g. {field}=5 * {_example(unit)} or a plain "
            f"number in {unit})"
        )
    out = value.value / spec[0]
    if isinstance(out, np.ndarray):
        return out.astype(np.float64)
    return float(out)


def _example(unit: str) -> str:
    return unit if unit in _UNITS and unit.isidentifier() else "<unit>"


# -- plausibility ---------------------------------------------------------------------


_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))


def _warn(message: str) -> None:
    # Attributed to the user's line: the first frame outside this package.
    level, frame = 2, sys._getframe(1)
    while frame is not None and frame.f_code.co_filename.startswith(_PACKAGE_DIR):
        level, frame = level + 1, frame.f_back
    warnings.warn(message, UnitWarning, stacklevel=level)


def check_synaptic_tau(obj: str, field: str, seconds: Optional[float]) -> None:
    """Warns if a synaptic (or plasticity-trace) time constant, in seconds, is 1 s or more:
    probably milliseconds written as seconds."""
    if seconds is not None and math.isfinite(seconds) and seconds >= 1.0:
        _warn(
            f"{obj}: {field} = {_g(seconds)} s is implausibly long for a synaptic time "
            f"constant (usually 0.1 ms to 0.5 s); the API takes seconds: {_g(seconds)} ms is "
            f"{field}={_g(seconds * 1e-3)} or {field}={_g(seconds)} * ms"
        )


def check_delay(obj: str, field: str, seconds: Any) -> None:
    """Warns if a delay, in seconds, exceeds 0.1 s: probably milliseconds."""
    try:
        arr = np.asarray(seconds, dtype=np.float64)
    except (TypeError, ValueError):
        return  # not numbers: the argument check reports it
    arr = arr[np.isfinite(arr)]
    if arr.size and arr.max() > 0.1:
        d = float(arr.max())
        _warn(
            f"{obj}: {field} = {_g(d)} s is longer than any synaptic delay (usually 0.1 to "
            f"20 ms); the API takes seconds: {_g(d)} ms is {field}={_g(d * 1e-3)} or "
            f"{field}={_g(d)} * ms"
        )


def check_neuron_time_constant(obj: str, name: str, unit: str, value: Any) -> None:
    """Warns if a neuron time constant (a parameter ``tau*`` in ms) is below 0.05 ms:
    probably seconds written where the model takes milliseconds."""
    if unit != "ms" or not name.startswith("tau"):
        return
    arr = np.asarray(value, dtype=np.float64)
    positive = arr[(arr > 0) & np.isfinite(arr)]
    if positive.size and float(positive.min()) < 0.05:
        v = float(positive.min())
        _warn(
            f"{obj}: {name} = {_g(v)} ms is implausibly short for a neuron time constant; "
            f"neuron parameters are in their model's units ({name} in ms): {_g(v)} s is "
            f"{name}={_g(v * 1e3)} or {name}={_g(v)} * second"
        )


def check_dt(dt: float, time_constants: "list[Tuple[float, float, str]]") -> None:
    """Warns if the step ``dt`` (s) is above ``fraction`` of one of the network's time
    constants ``(seconds, fraction, what)`` (the most demanding one is named), or above
    10 ms."""
    limits = [(tau * frac, tau, frac, what) for tau, frac, what in time_constants]
    if limits and dt > min(limits)[0]:
        _, tau, frac, what = min(limits)
        part = "a tenth" if frac == 0.1 else "half" if frac == 0.5 else f"{frac:g}"
        _warn(
            f"Network.run: dt = {_g(dt)} s is above {part} of {what} = {_g(tau * 1e3)} ms; "
            "the step is in seconds (0.1 ms is dt=1e-4 or dt=0.1 * ms)"
        )
    elif dt > 0.01:
        _warn(
            f"Network.run: dt = {_g(dt)} s is longer than any useful integration step; the "
            "step is in seconds (0.1 ms is dt=1e-4 or dt=0.1 * ms)"
        )


def _g(x: float) -> str:
    return f"{x:g}"

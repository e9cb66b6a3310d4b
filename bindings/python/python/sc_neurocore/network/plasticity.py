"""Plasticity rules for ``Projection(..., plasticity=...)``."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any, Dict, Mapping, Union

from .. import _native, units
from .._util import check_str, type_name
from ..errors import ArgumentTypeError, UnknownNameError

__all__ = ["STDP", "stdp_parameter_info"]

_DEFAULTS = {p["name"]: float(p["default"]) for p in _native.stdp_params()}


def stdp_parameter_info() -> list:
    """The STDP parameters' metadata: dicts ``name, unit, default, range, doc``."""
    return list(_native.stdp_params())


@dataclass(frozen=True)
class STDP:
    """Pair-based STDP, all-to-all interaction with traces (Morrison, Diesmann & Gerstner
    2008), run inside the step loop of every backend.

    A presynaptic spike depresses its synapses by ``a_minus·y``, a postsynaptic spike
    potentiates its incoming synapses by ``a_plus·x`` (times the distance to the bound in
    ``"multiplicative"`` mode); ``x`` and ``y`` are spike traces decaying with ``tau_plus``
    and ``tau_minus`` (seconds), timed where the spikes meet at the synapse (see
    ``dendritic_delay_fraction``). Bounds ``[w_min, w_max]`` apply to ``|w|``: an inhibitory
    projection stays inhibitory. See ``docs/semantics.md``. Times may be written with
    units (``tau_plus=20 * ms``); a projection's weights must lie within the bounds (checked
    when the projection is made).
    """

    #: Presynaptic trace time constant, seconds.
    tau_plus: float = _DEFAULTS["tau_plus"]
    #: Postsynaptic trace time constant, seconds.
    tau_minus: float = _DEFAULTS["tau_minus"]
    #: Potentiation amplitude per pair (weight units).
    a_plus: float = _DEFAULTS["a_plus"]
    #: Depression amplitude per pair (weight units).
    a_minus: float = _DEFAULTS["a_minus"]
    #: Lower bound of |w|.
    w_min: float = _DEFAULTS["w_min"]
    #: Upper bound of |w|.
    w_max: float = _DEFAULTS["w_max"]
    #: Part of each synapse's delay on the dendrite, in [0, 1] (PyNN's name): the synapse
    #: sees a presynaptic spike ``(1 - f)·delay`` after its emission and a postsynaptic one
    #: ``f·delay`` after it, so a pair acts at ``Δt = t_post - t_pre + (2f - 1)·delay``.
    #: 1 (default) is NEST's convention; 0 is Brian2's (``on_pre`` at the spike's arrival).
    dendritic_delay_fraction: float = _DEFAULTS["dendritic_delay_fraction"]
    #: ``"additive"`` or ``"multiplicative"``.
    mode: str = "additive"

    def __post_init__(self) -> None:
        for f in fields(self):
            v = getattr(self, f.name)
            if isinstance(v, units.Quantity):
                v = units.convert("STDP", f.name, v, "s" if f.name.startswith("tau") else None)
                object.__setattr__(self, f.name, v)
            if f.name == "mode":
                check_str("STDP", "mode", v)
            elif isinstance(v, bool) or not isinstance(v, (int, float)):
                raise ArgumentTypeError(
                    f"STDP: {f.name} must be a number, got {type_name(v)} {v!r}"
                )
        _native.check_stdp(self.as_dict())
        for name in ("tau_plus", "tau_minus"):
            units.check_synaptic_tau("STDP", name, getattr(self, name))

    def as_dict(self) -> Dict[str, Any]:
        """The parameters as a dict."""
        d = asdict(self)
        for k in d:
            if k != "mode":
                d[k] = float(d[k])
        return d


def as_stdp(value: Union[None, str, STDP, Mapping[str, Any]]):
    """``plasticity=`` as an :class:`STDP` (or None)."""
    if value is None:
        return None
    if isinstance(value, STDP):
        return value
    if isinstance(value, str):
        if value == "stdp":
            return STDP()
        raise UnknownNameError(
            f"Projection: unknown plasticity '{value}'; known: stdp",
            object="Projection",
            what="plasticity",
            name=value,
            known="stdp",
        )
    if isinstance(value, Mapping):
        known = {f.name for f in fields(STDP)}
        for k in value:
            if k not in known:
                kn = ", ".join(f.name for f in fields(STDP))
                raise UnknownNameError(
                    f"StdpParams: unknown parameter '{k}'; known: {kn}",
                    object="StdpParams",
                    what="parameter",
                    name=str(k),
                    known=kn,
                )
        return STDP(**value)
    raise ArgumentTypeError(
        "Projection: plasticity must be None, 'stdp', an STDP(...) object or a dict of its "
        f"parameters, got {type_name(value)}"
    )

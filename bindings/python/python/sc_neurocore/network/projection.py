"""Projections: weighted synapses from one population to another."""

from __future__ import annotations

import math
import numbers
from typing import Any, Dict, Optional, Tuple, Union

import numpy as np

from .. import _native
from .._util import check_float, check_optional_float, check_str, float_array, int_array, type_name
from ..errors import ArgumentTypeError, InvalidConfigurationError, OutOfRangeError, ShapeMismatchError
from .plasticity import STDP, as_stdp
from .population import Population
from .topology import CSR

__all__ = ["Projection", "Normal"]


class Normal:
    """A value drawn per synapse when the network is built: ``normal(mean, sd)`` redrawn
    until it lies in ``[min, max]`` (NEST's ``nest.math.redraw(nest.random.normal(mean,
    std), min, max)``), for the ``weight`` of a named topology and for any ``delay``.

    ``min``/``max`` default to ``-inf``/``inf`` for a weight and ``0``/``inf`` for a delay
    (seconds). Each target's synapses draw from that target's own random streams, so the
    values are the same in every backend and for any number of threads or ranks.
    ``Normal(87.8, 8.78, min=0.0)`` keeps a weight's sign, as NEST's microcircuit does.
    """

    def __init__(
        self,
        mean: float,
        sd: float,
        min: Optional[float] = None,  # noqa: A002 - NEST's names
        max: Optional[float] = None,  # noqa: A002
    ) -> None:
        obj = "Normal"
        self.mean: float = check_float(obj, "mean", mean)
        self.sd: float = check_float(obj, "sd", sd)
        self.min: Optional[float] = check_optional_float(obj, "min", min)
        self.max: Optional[float] = check_optional_float(obj, "max", max)

    def bounds(self, min_default: float) -> Tuple[float, float, float, float]:
        """``(mean, sd, min, max)`` with the defaults filled in."""
        lo = min_default if self.min is None else self.min
        hi = math.inf if self.max is None else self.max
        return (self.mean, self.sd, lo, hi)

    def __repr__(self) -> str:
        return f"Normal(mean={self.mean}, sd={self.sd}, min={self.min}, max={self.max})"


class Projection:
    """Synapses from population ``source`` to population ``target``.

    Parameters
    ----------
    source, target:
        The presynaptic and postsynaptic :class:`Population` (may be the same).
    weight:
        Weight of every synapse, in the target model's units: mV for ``delta`` synapses
        (the membrane jump), the model's current unit for ``exponential``/``alpha``, nS for
        ``conductance``. Default 1.0 for a named topology; with a CSR tuple, ``None`` keeps
        the CSR's ``data`` as weights and a number gives every synapse that weight. With a
        named topology, a :class:`Normal` draws each synapse's weight.
    topology:
        A name — ``"random"`` (``probability``), ``"fixed_indegree"`` (``indegree``),
        ``"fixed_outdegree"`` (``outdegree``), ``"fixed_total_number"`` (``total``),
        ``"small_world"`` (``k``, ``p_rewire``),
        ``"scale_free"`` (``m``), ``"ring"`` (``k``), ``"grid"`` (``rows_count``,
        ``cols_count``, ``radius``), ``"all_to_all"`` (default) — with its keyword
        arguments, or a CSR tuple ``(indptr, indices, data)`` of NumPy arrays (rows =
        sources), e.g. from :mod:`sc_neurocore.network.topology`. A named topology is drawn
        when the network is built, from the network's seed and this projection's own random
        streams (the same in every backend).
    synapse:
        ``"delta"`` (default), ``"exponential"``, ``"alpha"``, ``"conductance"`` or
        ``"nmda"``.
    tau_syn:
        Synaptic time constant in seconds (default 5 ms) for exponential, alpha and
        conductance synapses.
    e_rev:
        Reversal potential in mV (conductance synapses, required there; NMDA synapses,
        default 0 mV).
    tau_rise, tau_decay, alpha, mg:
        NMDA synapses (Wang 2002, saturating per presynaptic neuron, Mg2+-blocked; NEST's
        ``iaf_bw_2001``): rise and decay times of the gating in seconds (default 2 ms and
        100 ms), its coupling ``alpha`` in 1/s (default 500 /s = 0.5 /ms) and the Mg2+
        concentration in mM (default 1). ``weight`` is the conductance (nS) per unit of
        gating; the current is ``g (e_rev - V) / (1 + mg exp(-0.062 V) / 3.57)``. Giving
        one of these to another kind, or ``tau_syn`` to ``"nmda"``, is an error.
    delay:
        Seconds, a number, (with a CSR) one per synapse, or a :class:`Normal` drawn per
        synapse; rounded to whole steps, at least one step. Default 1 ms.
    plasticity:
        ``None``, ``"stdp"`` (default parameters), an :class:`~sc_neurocore.network.
        plasticity.STDP` or a dict of its parameters: online STDP inside the step loop.
    label:
        Name for messages (default ``"<source>-><target>"``).
    allow_autapses, allow_multapses:
        For generated topologies (NEST's defaults: both allowed).
    **topology_kwargs:
        The topology's keyword arguments (``probability=0.1``, ``indegree=100``, ...).

    Everything is checked now (names, ranges, CSR structure and shape, delays, STDP bounds
    and weight sign); sizes a named topology needs (``k <= n - 1``...) when the network is
    built.
    """

    def __init__(
        self,
        source: Population,
        target: Population,
        weight: Union[None, float, Normal] = None,
        topology: Union[str, Tuple[Any, Any, Any], CSR] = "all_to_all",
        *,
        synapse: str = "delta",
        tau_syn: Optional[float] = None,
        e_rev: Optional[float] = None,
        tau_rise: Optional[float] = None,
        tau_decay: Optional[float] = None,
        alpha: Optional[float] = None,
        mg: Optional[float] = None,
        delay: Any = 1e-3,
        plasticity: Union[None, str, STDP, Dict[str, Any]] = None,
        label: Optional[str] = None,
        allow_autapses: bool = True,
        allow_multapses: bool = True,
        **topology_kwargs: Any,
    ) -> None:
        for name, pop in (("source", source), ("target", target)):
            if not isinstance(pop, Population):
                raise ArgumentTypeError(
                    f"Projection: {name} must be a Population, got {type_name(pop)}"
                )
        self.source: Population = source
        self.target: Population = target
        self.label: str = check_str(
            "Projection", "label", label if label is not None else f"{source.label}->{target.label}"
        )
        obj = f"Projection '{self.label}'"
        #: The synapse options given (``tau_syn``, ``e_rev``, ``tau_rise``, ``tau_decay``,
        #: ``alpha``, ``mg``); the others take the kind's defaults.
        self.synapse_options: Dict[str, float] = synapse_options(
            obj, tau_syn=tau_syn, e_rev=e_rev, tau_rise=tau_rise, tau_decay=tau_decay, alpha=alpha, mg=mg
        )
        self.synapse: str = _native.check_synapse(
            obj, check_str(obj, "synapse", synapse), **self.synapse_options
        )
        self.tau_syn: Optional[float] = self.synapse_options.get("tau_syn")
        self.e_rev: Optional[float] = self.synapse_options.get("e_rev")
        self.plasticity: Optional[STDP] = as_stdp(plasticity)
        self.allow_autapses = bool(allow_autapses)
        self.allow_multapses = bool(allow_multapses)
        self.topology: Optional[str]
        self.topology_kwargs: Dict[str, float]
        self._csr: Optional[CSR]
        if isinstance(topology, str):
            self.topology = topology
            self.topology_kwargs = {
                k: check_float(f"Topology '{topology}'", k, v) for k, v in topology_kwargs.items()
            }
            _native.check_topology(topology, self.topology_kwargs)
            self.weight: Union[None, float, Normal] = (
                1.0
                if weight is None
                else weight
                if isinstance(weight, Normal)
                else check_float(obj, "weight", weight)
            )
            self._csr = None
        elif isinstance(topology, tuple) and len(topology) == 3:
            if topology_kwargs:
                raise InvalidConfigurationError(
                    f"{obj}: keyword arguments {sorted(topology_kwargs)} apply to named "
                    "topologies, not to a CSR",
                    object=obj,
                )
            self.topology = None
            self.topology_kwargs = {}
            indptr = int_array(obj, "indptr", topology[0])
            indices = int_array(obj, "indices", topology[1])
            data = float_array(obj, "data", topology[2])
            if isinstance(weight, Normal):
                raise InvalidConfigurationError(
                    f"{obj}: a weight distribution needs a named topology; a CSR carries its "
                    "weights",
                    object=obj,
                )
            if weight is not None:
                data = np.full(data.shape, check_float(obj, "weight", weight))
            self.weight = None if weight is None else float(weight)
            _native.check_csr(source.n, target.n, indptr, indices, data)
            self._csr = CSR(indptr, indices.astype(np.uint32), np.array(data, dtype=np.float64))
        else:
            raise ArgumentTypeError(
                f"{obj}: topology must be a name (e.g. 'random') or a CSR tuple (indptr, "
                f"indices, data), got {type_name(topology)}"
            )
        self.delay = self._check_delay(obj, delay)
        self._network = None
        self._manual: Optional[_native.ManualStdp] = None
        # Everything the engine checks, checked now: a throwaway description with populations
        # of the right sizes.
        spec = _native.NetworkSpec(0)
        spec.add_population("source", "lif", source.n)
        tgt = 0
        if target is not source:
            spec.add_population("target", "lif", target.n)
            tgt = 1
        spec.add_projection(self.label, 0, tgt, **self._native_kwargs())

    @staticmethod
    def _check_delay(obj: str, delay: Any):
        if isinstance(delay, bool):
            raise ArgumentTypeError(f"{obj}: delay must be seconds, got bool")
        if isinstance(delay, Normal):
            return delay
        if isinstance(delay, numbers.Real):
            d = float(delay)
            if not (math.isfinite(d) and d >= 0.0):
                raise OutOfRangeError(
                    f"{obj}: delay = {d} is out of range; valid range: [0, inf)",
                    object=obj,
                    field="delay",
                    value=str(d),
                    range="[0, inf)",
                )
            return d
        return float_array(obj, "delay", delay)

    # -- the description the engines take ---------------------------------------------

    def _native_kwargs(self) -> Dict[str, Any]:
        drawn = isinstance(self.delay, Normal)
        kw: Dict[str, Any] = dict(
            synapse=self.synapse,
            **self.synapse_options,
            delay=None if drawn else self.delay,
            delay_normal=self.delay.bounds(0.0) if isinstance(self.delay, Normal) else None,
            stdp=None if self.plasticity is None else self.plasticity.as_dict(),
        )
        if self._csr is None:
            w = self.weight
            kw.update(
                topology=self.topology,
                kwargs=self.topology_kwargs,
                weight=w.mean if isinstance(w, Normal) else w,
                weight_normal=w.bounds(-math.inf) if isinstance(w, Normal) else None,
                allow_autapses=self.allow_autapses,
                allow_multapses=self.allow_multapses,
            )
        else:
            kw.update(
                indptr=self._csr.indptr,
                indices=self._csr.indices.astype(np.int64),
                data=self._csr.data,
            )
        return kw

    # -- connectivity and weights -------------------------------------------------------

    @property
    def csr(self) -> CSR:
        """The synapses ``(indptr, indices, data)`` with the current weights: after a run
        those of the running network (plasticity included)."""
        if self._network is not None:
            c = self._network._projection_csr(self)
            if c is not None:
                return c
        if self._csr is not None:
            return CSR(self._csr.indptr.copy(), self._csr.indices.copy(), self._csr.data.copy())
        raise InvalidConfigurationError(
            f"Projection '{self.label}': a '{self.topology}' topology is drawn from the "
            "network's seed when the network is built; add the projection to a Network "
            "first (its synapses exist from then on)",
            object=f"Projection '{self.label}'",
        )

    @property
    def weights(self) -> np.ndarray:
        """The current weight of every synapse, in the order of :attr:`csr`."""
        return self.csr.data

    @property
    def indptr(self) -> np.ndarray:
        """CSR row pointer (one row per source neuron)."""
        return self.csr.indptr

    @property
    def indices(self) -> np.ndarray:
        """CSR target index of every synapse."""
        return self.csr.indices

    @property
    def n_synapses(self) -> int:
        """Number of synapses."""
        return self.csr.nnz

    def update_plasticity(
        self,
        src_spikes: Any,
        tgt_spikes: Any,
        a_plus: float = 0.01,
        a_minus: float = 0.012,
        tau: float = 20.0,
    ) -> None:
        """One step of manual STDP with binary spike vectors (the tutorial's rule).

        ``src_spikes`` (length ``source.n``) and ``tgt_spikes`` (length ``target.n``) hold
        0/1 (or booleans). With traces ``x`` (sources) and ``y`` (targets) that persist
        between calls, ``tau`` in **steps**: ``x ← x·e^(−1/tau) + s``, ``y ← y·e^(−1/tau) +
        t``, then every synapse ``i → j`` changes by ``a_plus·x_i·t_j − a_minus·y_j·s_i``
        on ``|w|`` (an inhibitory weight stays inhibitory, a weight never changes sign).
        After a run the network's current weights change and the next run continues with
        them; before, the projection's own weights. Nothing changes on error.
        """
        obj = f"Projection '{self.label}'.update_plasticity"
        src = _flags(obj, "src_spikes", src_spikes)
        tgt = _flags(obj, "tgt_spikes", tgt_spikes)
        a_plus = check_float(obj, "a_plus", a_plus)
        a_minus = check_float(obj, "a_minus", a_minus)
        tau = check_float(obj, "tau", tau)
        c = self.csr
        w = np.array(c.data, dtype=np.float64, copy=True)
        if self._manual is None:
            rule = _native.ManualStdp(f"Projection '{self.label}'", self.source.n, self.target.n, w)
        else:
            rule = self._manual
        rule.update(c.indptr, c.indices.astype(np.int64), w, src, tgt, a_plus, a_minus, tau)
        self._manual = rule
        if self._network is not None and self._network._set_projection_weights(self, w):
            return
        self._csr = CSR(c.indptr, c.indices, w)
        self.topology = None
        self.topology_kwargs = {}

    def _reset_plasticity_traces(self) -> None:
        if self._manual is not None:
            self._manual.reset()

    def __repr__(self) -> str:
        t = self.topology if self.topology is not None else "csr"
        return (
            f"Projection({self.source.label!r} -> {self.target.label!r}, topology={t!r}, "
            f"synapse={self.synapse!r}, label={self.label!r})"
        )


def synapse_options(obj: str, **options: Optional[float]) -> Dict[str, float]:
    """The synapse options that were given (not None), as floats, checked to be numbers."""
    return {k: check_float(obj, k, v) for k, v in options.items() if v is not None}


def _flags(obj: str, field: str, value: Any) -> np.ndarray:
    arr = np.asarray(value)
    if arr.dtype.kind not in "biuf":
        raise ArgumentTypeError(
            f"{obj}: {field} must be an array of 0/1 values, got dtype {arr.dtype}"
        )
    if arr.ndim != 1:
        raise ShapeMismatchError(
            f"{obj}: {field} has {arr.ndim} dimensions, expected 1",
            object=obj,
            field=field,
            got=arr.ndim,
            expected="1",
        )
    return np.ascontiguousarray(arr, dtype=np.float64)

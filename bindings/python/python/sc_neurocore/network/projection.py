"""Projections: weighted synapses from one population to another, with per-synapse weights
and delays from a number, an array, a function of (source, target) or a distribution
(:class:`Normal`, :class:`Uniform`), as PyNN's synapse parameters take them."""

from __future__ import annotations

import math
import numbers
from typing import Any, Callable, Dict, Optional, Tuple, Union

import numpy as np

from .. import _native, units
from .._sealed import Sealed
from .._util import check_float, check_optional_float, check_str, float_array, int_array, type_name
from ..errors import ArgumentTypeError, InvalidConfigurationError, OutOfRangeError, ShapeMismatchError
from .plasticity import STDP, as_stdp
from .population import Population
from .topology import CSR

__all__ = ["Projection", "Normal", "Uniform"]


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


class Uniform:
    """A value drawn per synapse when the network is built: uniform in ``[low, high)``
    (PyNN's ``RandomDistribution("uniform", (low, high))``, NEST's ``nest.random.uniform(min,
    max)``), for a ``weight`` or a ``delay`` (seconds) of any projection.

    Each target's synapses draw, in turn, from that target's own random stream of the
    projection (the streams :class:`Normal` draws from), so the values are the same in
    every backend and for any number of threads or ranks.
    """

    def __init__(self, low: float, high: float) -> None:
        obj = "Uniform"
        self.low: float = check_float(obj, "low", low)
        self.high: float = check_float(obj, "high", high)
        if not (math.isfinite(self.low) and math.isfinite(self.high) and self.low <= self.high):
            raise OutOfRangeError(
                f"{obj}: low = {self.low} is out of range; valid range: (-inf, high = "
                f"{self.high}], both finite",
                object=obj,
                field="low",
                value=str(self.low),
                range=f"(-inf, high = {self.high}]",
            )

    def __repr__(self) -> str:
        return f"Uniform(low={self.low}, high={self.high})"


#: What ``weight=`` / ``delay=`` take besides a number: an array (one value per synapse, or
#: source × target), a function of (sources, targets), or a distribution.
PerSynapse = Union[np.ndarray, Callable[[np.ndarray, np.ndarray], Any], Normal, Uniform]


class Projection(Sealed):
    """Synapses from population ``source`` to population ``target``.

    Every number may also be written with a unit from :mod:`sc_neurocore.units`
    (``tau_syn=5 * ms``, ``e_rev=-80 * mV``, ``weight=2 * nS``, ``delay=1.5 * ms``),
    converted to the unit given below. Plain numbers implausible in their unit warn
    (:class:`~sc_neurocore.units.UnitWarning`: a ``tau_syn`` of 1 s or more, a delay over
    0.1 s). The attributes are fixed once it is made (assigning one raises).

    Parameters
    ----------
    source, target:
        The presynaptic and postsynaptic :class:`Population` (may be the same).
    weight:
        In the target model's units: mV for ``delta`` synapses (the membrane jump), the
        model's current unit for ``exponential``/``alpha``, nS for ``conductance`` and
        ``nmda`` (a conductance is >= 0: inhibition is a positive conductance with an
        inhibitory ``e_rev``, e.g. -80 mV). One of (as PyNN's synapse parameters):

        - a number, for every synapse (default 1.0 for a named topology; with a CSR tuple,
          ``None`` keeps the CSR's ``data`` as weights);
        - a 1-d array, one weight per synapse in the order of :attr:`weights` (sources
          ascending; for a random topology the count is known once the network is built);
        - a 2-d array of shape ``(source.n, target.n)``: synapse ``i -> j`` takes
          ``weight[i, j]`` (the repeated synapses of a pair share it);
        - a function ``f(i, j)`` of the NumPy arrays of every synapse's source and target
          indices, returning one weight per synapse (or one number);
        - :class:`Normal` or :class:`Uniform`, drawn per synapse from the projection's own
          random streams (the same on every backend, thread and rank count).

        Arrays, functions and :class:`Uniform` are resolved when the network is built
        (with a CSR tuple, arrays and functions now); a wrong size raises, saying what fits.
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
        Seconds: a number (default 1 ms), or per synapse as ``weight`` takes them (a 1-d or
        2-d array, a function of (sources, targets), :class:`Normal` or :class:`Uniform`);
        rounded to whole steps, at least one step.
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
        weight: Union[None, float, PerSynapse] = None,
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
        weight = units.convert(obj, "weight", weight, _weight_unit(synapse, target))
        delay = units.convert(obj, "delay", delay, "s")
        units.check_delay(obj, "delay", delay.mean if isinstance(delay, Normal) else delay)
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
        # Per-synapse weights and delays resolved once the synapses exist (arrays, functions
        # and draws the description cannot hold); None when the description holds them.
        self._late_weight: Any = None
        self._late_delay: Any = None
        if isinstance(topology, str):
            self.topology = topology
            self.topology_kwargs = {
                k: check_float(f"Topology '{topology}'", k, v) for k, v in topology_kwargs.items()
            }
            _native.check_topology(topology, self.topology_kwargs)
            self._csr = None
            self.weight: Any = None
            self._set_weight(obj, 1.0 if weight is None else weight)
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
            _native.check_csr(source.n, target.n, indptr, indices, data)
            self._csr = CSR(indptr, indices.astype(np.uint32), np.array(data, dtype=np.float64))
            self.weight = None
            if weight is not None:
                self._set_weight(obj, weight)
        else:
            raise ArgumentTypeError(
                f"{obj}: topology must be a name (e.g. 'random') or a CSR tuple (indptr, "
                f"indices, data), got {type_name(topology)}"
            )
        self.delay: Any = None
        self._set_delay(obj, delay)
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
        j = spec.add_projection(self.label, 0, tgt, **self._native_kwargs())
        if self._csr is not None and isinstance(self._late_weight, Normal):
            # Drawn when built; its numbers are checked now (the synapses are known).
            _Draws(spec, j, False).normal(self._late_weight)

    # -- weights and delays as given ---------------------------------------------------

    def _set_weight(self, obj: str, weight: Any) -> None:
        """Sets the description's weights from what ``weight=`` takes (see the class)."""
        kind = _value_kind(obj, "weight", weight)
        if kind == "number":
            w = check_float(obj, "weight", weight)
            if self._csr is not None:
                self._csr = CSR(self._csr.indptr, self._csr.indices, np.full(self._csr.nnz, w))
            self.weight, self._late_weight = w, None
        elif self._csr is not None and kind in ("array", "function"):
            # The synapses are known: resolve now.
            w = _per_synapse(obj, "weight", weight, self.source.n, self.target.n, self._csr, None)
            self._csr = CSR(self._csr.indptr, self._csr.indices, w)
            self.weight, self._late_weight = None, None
        elif kind == "normal" and self._csr is None:
            self.weight, self._late_weight = weight, None  # the engine draws it
        else:
            if kind == "array":
                _check_matrix(obj, "weight", weight, self.source.n, self.target.n)
            self.weight, self._late_weight = weight, weight

    def _set_delay(self, obj: str, delay: Any) -> None:
        """Sets the description's delays from what ``delay=`` takes (see the class)."""
        kind = _value_kind(obj, "delay", delay)
        if kind == "number":
            d = check_float(obj, "delay", delay)
            if not (math.isfinite(d) and d >= 0.0):
                raise OutOfRangeError(
                    f"{obj}: delay = {d} is out of range; valid range: [0, inf)",
                    object=obj,
                    field="delay",
                    value=str(d),
                    range="[0, inf)",
                )
            self.delay, self._late_delay = d, None
        elif kind == "normal":
            self.delay, self._late_delay = delay, None  # the engine draws it
        elif self._csr is not None and kind in ("array", "function"):
            self.delay = _per_synapse(obj, "delay", delay, self.source.n, self.target.n, self._csr, None)
            self._late_delay = None
        else:
            if kind == "array":
                _check_matrix(obj, "delay", delay, self.source.n, self.target.n)
            self.delay, self._late_delay = delay, delay

    def _one_delay(self) -> bool:
        """Whether every synapse has the one delay ``self.delay`` (a number)."""
        return self._late_delay is None and not isinstance(self.delay, Normal) and np.ndim(self.delay) == 0

    def _apply_per_synapse(self, spec: Any, j: int) -> None:
        """Gives projection ``j`` of ``spec`` the per-synapse weights and delays resolved
        against its synapses (called when the network is described)."""
        obj = f"Projection '{self.label}'"
        for field, value, setter in (
            ("weight", self._late_weight, spec.set_projection_weights),
            ("delay", self._late_delay, spec.set_projection_delays),
        ):
            if value is None:
                continue
            csr = CSR(*spec.connectivity(j))
            draw = _Draws(spec, j, field == "delay")
            values = _per_synapse(obj, field, value, self.source.n, self.target.n, csr, draw)
            setter(j, values)

    # -- the description the engines take ---------------------------------------------

    def _native_kwargs(self) -> Dict[str, Any]:
        # Per-synapse values resolved later (_apply_per_synapse) stand in as placeholders:
        # a 1 ms delay, a weight of 0 (of no sign, within any STDP bounds' sign rule).
        late_delay = self._late_delay is not None
        drawn = isinstance(self.delay, Normal)
        kw: Dict[str, Any] = dict(
            synapse=self.synapse,
            **self.synapse_options,
            delay=1e-3 if late_delay else None if drawn else self.delay,
            delay_normal=self.delay.bounds(0.0) if drawn else None,
            stdp=None if self.plasticity is None else self.plasticity.as_dict(),
        )
        if self._csr is None:
            w = self.weight
            late = self._late_weight is not None
            kw.update(
                topology=self.topology,
                kwargs=self.topology_kwargs,
                weight=0.0 if late else w.mean if isinstance(w, Normal) else w,
                weight_normal=w.bounds(-math.inf) if isinstance(w, Normal) and not late else None,
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
        if self._csr is not None and self._late_weight is None:
            return CSR(self._csr.indptr.copy(), self._csr.indices.copy(), self._csr.data.copy())
        if self._csr is not None:
            raise InvalidConfigurationError(
                f"Projection '{self.label}': its weights ({self._late_weight!r}) are drawn from "
                "the network's seed when the network is built; add the projection to a "
                "Network first",
                object=f"Projection '{self.label}'",
            )
        raise InvalidConfigurationError(
            f"Projection '{self.label}': a '{self.topology}' topology is drawn from the "
            "network's seed when the network is built; add the projection to a Network "
            "first (its synapses exist from then on)",
            object=f"Projection '{self.label}'",
        )

    @property
    def weights(self) -> np.ndarray:
        """The current weight of every synapse, in the order of :attr:`csr` (sources
        ascending; ``indices[k]`` is synapse ``k``'s target): after a run those of the
        running network (plasticity included).

        Setting it takes what ``weight=`` takes. Before the network has run it changes the
        description; after, the running network's weights from the next step on (a number,
        an array or a function of (sources, targets); distributions are drawn when the
        network is built: set them before the run or after :meth:`Network.reset`)."""
        return self.csr.data

    @weights.setter
    def weights(self, value: Any) -> None:
        obj = f"Projection '{self.label}'"
        net = self._network
        if net is not None and net._engine is not None:
            c = self.csr
            w = _per_synapse(obj, "weight", value, self.source.n, self.target.n, c, None)
            net._set_projection_weights(self, w)
            return
        with self._editing():
            self._set_weight(obj, value)

    @property
    def delays(self) -> np.ndarray:
        """The delay of every synapse in seconds (as given or drawn, before rounding to whole
        steps), in the order of :attr:`weights`.

        Setting it takes what ``delay=`` takes and changes the description: delays are fixed
        once the network has run (its delay buffers are sized for them), so setting them
        then needs :meth:`Network.reset` first."""
        if self._network is not None:
            from ._engines import describe

            spec = describe(self._network, placeholders=True, monitors=False)
            return spec.delays(self._network._projections.index(self))
        if self._csr is not None and self._late_delay is None and not isinstance(self.delay, Normal):
            d = self.delay
            return np.full(self._csr.nnz, d) if np.ndim(d) == 0 else np.array(d, dtype=np.float64)
        raise InvalidConfigurationError(
            f"Projection '{self.label}': its delays are drawn or resolved per synapse when the "
            "network is built; add the projection to a Network first",
            object=f"Projection '{self.label}'",
        )

    @delays.setter
    def delays(self, value: Any) -> None:
        obj = f"Projection '{self.label}'"
        net = self._network
        if net is not None and (net._engine is not None or net._steps):
            raise InvalidConfigurationError(
                f"{obj}: delays are fixed once the network has run (its delay buffers are "
                "sized for them); call net.reset() first, then set proj.delays",
                object=obj,
            )
        with self._editing():
            self._set_delay(obj, value)

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
        self._update(topology=None, topology_kwargs={})

    def _reset_plasticity_traces(self) -> None:
        if self._manual is not None:
            self._manual.reset()

    def _assignment_hint(self, name: str) -> str:
        if name in ("delay", "delays"):
            return (
                "change the delays of its synapses with proj.delays = array (one per synapse, "
                "in the order of proj.csr; before a run or after net.reset()), or create a new "
                "Projection"
            )
        if name in ("weight", "weights"):
            setter = getattr(type(self), "weights", None)
            if getattr(setter, "fset", None) is not None:
                return (
                    "change the weights of its synapses with proj.weights = array (one per "
                    "synapse, in the order of proj.csr), or create a new Projection"
                )
            return (
                "create a new Projection with the new value (weights of a network that has "
                "run change with update_plasticity)"
            )
        return "create a new Projection with the new value"

    def __repr__(self) -> str:
        t = self.topology if self.topology is not None else "csr"
        return (
            f"Projection({self.source.label!r} -> {self.target.label!r}, topology={t!r}, "
            f"synapse={self.synapse!r}, label={self.label!r})"
        )


#: The unit of each synapse option (``mg`` is in mM, which takes plain numbers only).
SYNAPSE_OPTION_UNITS = {
    "tau_syn": "s",
    "tau_rise": "s",
    "tau_decay": "s",
    "e_rev": "mV",
    "alpha": "1/s",
    "mg": "mM",
}


def synapse_options(obj: str, **options: Optional[float]) -> Dict[str, float]:
    """The synapse options that were given (not None), as floats in the units of
    :data:`SYNAPSE_OPTION_UNITS` (quantities converted), checked to be numbers; a time
    constant of a second or more warns (:class:`~sc_neurocore.units.UnitWarning`)."""
    out = {
        k: check_float(obj, k, v, SYNAPSE_OPTION_UNITS[k])
        for k, v in options.items()
        if v is not None
    }
    for k in ("tau_syn", "tau_rise", "tau_decay"):
        units.check_synaptic_tau(obj, k, out.get(k))
    return out


def _weight_unit(synapse: Any, target: Any) -> Optional[str]:
    """The unit a weight is in: nS for conductance and NMDA synapses, the target model's
    input unit for current synapses, its membrane's unit for delta synapses (None, the
    API's unit of the quantity's kind, for models that do not declare one)."""
    if synapse in ("conductance", "nmda"):
        return "nS"
    model = getattr(target, "model", None)
    if synapse in ("exponential", "alpha"):
        unit = getattr(model, "input_unit", "")
        return unit or None
    delta_input = getattr(model, "delta_input", None)
    if delta_input:
        # A model whose delta input is not a membrane jump documents what it is (NEST's
        # conductance models: "adds w to g_ex (w > 0) or -w to g_in (w < 0), nS").
        unit = delta_input.rsplit(", ", 1)[-1]
        if units.parse_unit(unit) is not None:
            return unit
        return f"the unit {model.__name__}.delta_input describes"
    for info in getattr(model, "state_info", ()):
        if info.name == getattr(model, "membrane", None):
            return info.unit or None
    return None


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


class _Draws:
    """The engine's per-synapse draws for one projection of a description."""

    def __init__(self, spec: Any, j: int, delay: bool) -> None:
        self.spec, self.j, self.delay = spec, j, delay

    def uniform(self, u: Uniform) -> np.ndarray:
        return self.spec.draw_uniform(self.j, u.low, u.high, self.delay)

    def normal(self, n: Normal) -> np.ndarray:
        return self.spec.draw_normal(self.j, n.bounds(0.0 if self.delay else -math.inf), self.delay)


def _value_kind(obj: str, field: str, value: Any) -> str:
    """``number``, ``array``, ``function``, ``normal`` or ``uniform``; anything else raises
    without printing the value (it may be a large array)."""
    if isinstance(value, Normal):
        return "normal"
    if isinstance(value, Uniform):
        return "uniform"
    if isinstance(value, (np.ndarray, list, tuple)):
        arr = np.asarray(value)
        if arr.dtype.kind not in "iuf" or arr.dtype.kind == "b":
            raise ArgumentTypeError(
                f"{obj}: {field} array must hold numbers, got dtype {arr.dtype}"
            )
        return "array" if arr.ndim > 0 else "number"
    if callable(value) and not isinstance(value, type):
        return "function"
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        # Leave other scalar types (unit quantities) to check_float's conversion.
        try:
            check_float(obj, field, value)
        except ArgumentTypeError:
            raise ArgumentTypeError(
                f"{obj}: {field} must be a number, an array (one value per synapse, or "
                "source × target), a function of (sources, targets), Normal(...) or "
                f"Uniform(...); got {type_name(value)}"
            ) from None
    return "number"


def _check_matrix(obj: str, field: str, value: Any, n_src: int, n_tgt: int) -> None:
    """A 2-d array must be source × target; a 1-d one is checked against the synapses."""
    arr = np.asarray(value)
    if arr.ndim == 2 and arr.shape != (n_src, n_tgt):
        raise ShapeMismatchError(
            f"{obj}: {field} has shape {arr.shape}; a 2-d {field} is source × target, "
            f"({n_src}, {n_tgt})",
            object=obj,
            field=field,
            got=int(arr.size),
            expected=f"({n_src}, {n_tgt})",
        )
    if arr.ndim > 2:
        raise ShapeMismatchError(
            f"{obj}: {field} has {arr.ndim} dimensions; give one value per synapse (1-d) or "
            f"a source × target array ({n_src}, {n_tgt})",
            object=obj,
            field=field,
            got=arr.ndim,
            expected="1 or 2",
        )


def _per_synapse(
    obj: str, field: str, value: Any, n_src: int, n_tgt: int, csr: CSR, draw: Optional[_Draws]
) -> np.ndarray:
    """One float64 value per synapse of ``csr`` (in its order) from what ``weight=`` /
    ``delay=`` take; a size that does not fit raises with what would."""
    nnz = int(csr.indices.shape[0])
    kind = _value_kind(obj, field, value)
    fits = (
        f"give one value per synapse ({nnz}, in the order of proj.weights), a source × "
        f"target array ({n_src}, {n_tgt}), a number or a function of (sources, targets)"
    )
    if kind == "number":
        return np.full(nnz, check_float(obj, field, value))
    if kind in ("normal", "uniform"):
        if draw is None:
            raise InvalidConfigurationError(
                f"{obj}: a {field} distribution is drawn when the network is built; set it "
                "before the first run (or after net.reset()), or give the values",
                object=obj,
            )
        return draw.uniform(value) if kind == "uniform" else draw.normal(value)
    sources = np.repeat(np.arange(n_src, dtype=np.int64), np.diff(csr.indptr.astype(np.int64)))
    targets = csr.indices.astype(np.int64)
    if kind == "function":
        out = value(sources, targets)
        try:
            arr = np.asarray(out, dtype=np.float64)
        except (TypeError, ValueError):
            raise ArgumentTypeError(
                f"{obj}: the {field} function returned {type_name(out)}, not numbers"
            ) from None
        if arr.ndim == 0:
            arr = np.full(nnz, float(arr))
        if arr.shape != (nnz,):
            raise ShapeMismatchError(
                f"{obj}: the {field} function returned shape {arr.shape}, expected ({nnz},): "
                "one value per synapse, for the source and target index arrays it is given",
                object=obj,
                field=field,
                got=int(arr.size),
                expected=str(nnz),
            )
        return np.ascontiguousarray(arr)
    arr = np.asarray(value, dtype=np.float64)
    _check_matrix(obj, field, arr, n_src, n_tgt)
    if arr.ndim == 2:
        return np.ascontiguousarray(arr[sources, targets])
    if arr.shape[0] != nnz:
        raise ShapeMismatchError(
            f"{obj}: {field} has {arr.shape[0]} values but the projection has {nnz} "
            f"synapses; {fits}",
            object=obj,
            field=field,
            got=int(arr.shape[0]),
            expected=str(nnz),
        )
    return np.ascontiguousarray(arr)

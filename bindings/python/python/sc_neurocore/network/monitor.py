"""Monitors: what a network records while it runs. Results are NumPy arrays with times in
seconds; repeated runs append (the network's clock keeps counting).

- :class:`SpikeMonitor`: every spike of a population; a spike emitted while integrating
  step ``k`` has the time ``(k+1)·dt``. Ids are population-local; :attr:`SpikeMonitor.
  global_ids` adds the population's offset in the network (for rasters across populations).
- :class:`StateMonitor`: a state variable of some neurons (the model's own, or a synaptic
  variable: ``gsyn_exc``, ``gsyn_inh``, ``gsyn_nmda``, ``isyn``); the sample of step ``k``
  is the state at ``k·dt`` before that step integrates (Brian2's convention).
- :class:`WeightMonitor`: the weights of some synapses of a projection during the run; the
  sample of step ``k`` holds the weights at ``k·dt`` (after the plasticity of every spike
  emitted before).
- :class:`RateMonitor`: the population rate in bins aligned at t = 0.

Sampled records (:class:`StateMonitor`, :class:`WeightMonitor`) are ``T × k`` arrays: one
row per sample time (:attr:`~StateMonitor.t`, seconds), one column per recorded neuron or
synapse, in the order of :attr:`~StateMonitor.indices` / :attr:`~WeightMonitor.synapses`.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

import numpy as np

from .. import _native
from .._sealed import Sealed
from .._util import check_float, check_str, int_array, type_name
from ..errors import ArgumentTypeError, OutOfRangeError, UnknownNameError
from .population import Population

__all__ = [
    "Monitor",
    "SpikeMonitor",
    "StateMonitor",
    "WeightMonitor",
    "RateMonitor",
    "SYNAPTIC_VARIABLES",
]

#: ``{name: (unit, what it is)}`` of the synaptic variables a :class:`StateMonitor` records
#: besides a model's own state: the state of the population's input channels, summed over
#: the channels of that variable (``unit`` ``"input"`` is the model's input-current unit,
#: e.g. pA). PyNN's ``gsyn_exc`` / ``gsyn_inh``, NEST's ``g_ex`` / ``g_in``, Brian2's
#: ``ge`` / ``gi``; a conductance synapse is excitatory when its ``e_rev`` is above -40 mV.
SYNAPTIC_VARIABLES: Dict[str, Tuple[str, str]] = {
    name: (unit, doc) for name, unit, doc in _native.synaptic_variables()
}


class Monitor(Sealed):
    """Base class of the monitors (not instantiated directly)."""

    def __init__(self, population: Population, label: Optional[str]) -> None:
        if not isinstance(population, Population):
            raise ArgumentTypeError(
                f"{type(self).__name__}: population must be a Population, got "
                f"{type_name(population)}"
            )
        #: The recorded population.
        self.population: Population = population
        self._init_record(label or f"{type(self).__name__}({population.label})")

    def _init_record(self, label: str) -> None:
        self.label: str = check_str(type(self).__name__, "label", label)
        self._network = None
        self._segments: List[Any] = []
        # (engine, monitor index in the engine, records to skip)
        self._live: Optional[Tuple[Any, int, Any]] = None

    # The network manages the record: engines come and go (reset, backend switches).
    def _clear(self) -> None:
        self._segments = []
        self._live = None

    def _attach(self, engine: Any, index: int, skip: Any) -> None:
        self._live = (engine, index, skip)

    def _freeze(self, steps: int, dt: float) -> None:
        """Keeps the live engine's records of the first ``steps`` steps as a segment."""
        if self._live is not None:
            self._segments.append(self._cut(self._live_data(), steps, dt))
            self._live = None

    def _cut(self, data: Any, steps: int, dt: float) -> Any:
        return data

    def _live_data(self) -> Any:
        raise NotImplementedError

    def _skip_mark(self, engine: Any, index: int) -> Any:
        """What the engine recorded so far (to be skipped after a replay)."""
        raise NotImplementedError

    def _assignment_hint(self, name: str) -> str:
        return (
            "a monitor records what it was made with: create a new monitor (and add it to the "
            "network) to record something else"
        )

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.population.label!r})"


class SpikeMonitor(Monitor):
    """Records every spike of ``population``.

    Attributes give NumPy arrays: :attr:`spike_times` (s), :attr:`spike_ids`
    (population-local indices, ``0 .. n-1``), ordered by (time, id); :attr:`global_ids`
    (the ids plus :attr:`offset`, the population's first id in its network: populations
    are numbered one after another in the order added, as NEST numbers its nodes), for a
    raster across populations; :attr:`spike_trains` a dict ``{neuron: times}``;
    :attr:`count`; :attr:`rates` per neuron.

    Examples
    --------
    >>> t = np.concatenate([mon_e.spike_times, mon_i.spike_times])   # doctest: +SKIP
    >>> i = np.concatenate([mon_e.global_ids, mon_i.global_ids])     # doctest: +SKIP
    >>> plot_raster([mon_e, mon_i])                                  # doctest: +SKIP
    """

    def __init__(self, population: Population, label: Optional[str] = None) -> None:
        super().__init__(population, label)

    def _live_data(self):
        engine, index, skip = self._live
        t, i, t0, t1 = engine.spike_data(index, skip or 0)
        return (t, i.astype(np.int64), t0, t1)

    def _skip_mark(self, engine, index):
        return int(engine.spike_data(index, 0)[0].shape[0])

    def _cut(self, data, steps, dt):
        t, i, t0, t1 = data
        keep = t <= steps * dt * (1 + 1e-12)
        return t[keep], i[keep], t0, min(t1, steps * dt)

    def _data(self) -> Tuple[np.ndarray, np.ndarray, float, float]:
        parts = list(self._segments)
        if self._live is not None:
            parts.append(self._live_data())
        if not parts:
            return np.zeros(0), np.zeros(0, dtype=np.int64), 0.0, 0.0
        if len(parts) == 1:
            return parts[0]
        t = np.concatenate([p[0] for p in parts])
        i = np.concatenate([p[1] for p in parts])
        return t, i, min(p[2] for p in parts), max(p[3] for p in parts)

    @property
    def count(self) -> int:
        """Number of spikes recorded."""
        return int(self._data()[0].shape[0])

    @property
    def spike_times(self) -> np.ndarray:
        """Spike times in seconds (float64), ordered by (time, id)."""
        return self._data()[0]

    @property
    def spike_ids(self) -> np.ndarray:
        """Population-local index of each spike (int64), in the order of :attr:`spike_times`."""
        return self._data()[1]

    @property
    def offset(self) -> int:
        """Global id of the population's first neuron: the sizes of the populations added
        to the network before it, summed (needs the monitor's network)."""
        net = self._network
        if net is None:
            from ..errors import InvalidConfigurationError

            raise InvalidConfigurationError(
                f"SpikeMonitor '{self.label}': global ids number the populations of a "
                "network; add the monitor (and its population) to a Network first",
                object=f"SpikeMonitor '{self.label}'",
            )
        return net._population_offset(self.population)

    @property
    def global_ids(self) -> np.ndarray:
        """Network-wide id of each spike's neuron (int64): :attr:`spike_ids` +
        :attr:`offset`, in the order of :attr:`spike_times`."""
        return self._data()[1] + self.offset

    @property
    def t_start(self) -> float:
        """Start of the recorded span, seconds."""
        return self._data()[2]

    @property
    def t_end(self) -> float:
        """End of the recorded span, seconds."""
        return self._data()[3]

    @property
    def duration(self) -> float:
        """Length of the recorded span, seconds."""
        d = self._data()
        return d[3] - d[2]

    @property
    def raster(self) -> Tuple[np.ndarray, np.ndarray]:
        """``(times, ids)``, for a raster plot."""
        t, i, _, _ = self._data()
        return t, i

    @property
    def spike_trains(self) -> Dict[int, np.ndarray]:
        """``{neuron index: spike times in s}`` for every neuron of the population (an empty
        array for a silent one)."""
        t, i, _, _ = self._data()
        n = self.population.n
        order = np.argsort(i, kind="stable")
        counts = np.bincount(i, minlength=n)
        trains = np.split(t[order], np.cumsum(counts)[:-1])
        return {k: trains[k] for k in range(n)}

    @property
    def counts(self) -> np.ndarray:
        """Spikes per neuron (int64)."""
        return np.bincount(self._data()[1], minlength=self.population.n).astype(np.int64)

    @property
    def rates(self) -> np.ndarray:
        """Mean rate of each neuron over the recorded span, Hz."""
        t, i, t0, t1 = self._data()
        span = t1 - t0
        c = np.bincount(i, minlength=self.population.n).astype(np.float64)
        return c / span if span > 0 else np.zeros(self.population.n)

    @property
    def mean_rate(self) -> float:
        """Population mean rate over the recorded span, Hz."""
        r = self.rates
        return float(r.mean()) if r.size else 0.0


class _Sampled(Monitor):
    """A record sampled at fixed steps: ``T`` times and a ``T × k`` array."""

    _what = "neuron"

    def _live_data(self):
        engine, index, skip = self._live
        return self._engine_data(engine, index, skip or 0)

    def _engine_data(self, engine, index, start):
        return engine.state_data(index, start)

    def _skip_mark(self, engine, index):
        return int(self._engine_data(engine, index, 0)[0].shape[0])

    def _cut(self, data, steps, dt):
        t, v, ix = data
        keep = t < (steps - 0.5) * dt
        return t[keep], v[keep], ix

    def _columns(self) -> np.ndarray:
        raise NotImplementedError

    def _object(self) -> str:
        return f"{type(self).__name__} of '{self.population.label}'"

    def _data(self) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
        parts = list(self._segments)
        if self._live is not None:
            parts.append(self._live_data())
        if not parts:
            ix = self._columns()
            return np.zeros(0), np.zeros((0, ix.shape[0])), ix
        if len(parts) == 1:
            return parts[0]
        return (
            np.concatenate([p[0] for p in parts]),
            np.concatenate([p[1] for p in parts], axis=0),
            parts[0][2],
        )

    @property
    def t(self) -> np.ndarray:
        """Sample times, seconds, shape ``(T,)`` (the rows of :attr:`values`)."""
        return self._data()[0]

    @property
    def times(self) -> np.ndarray:
        """Sample times, seconds (the same as :attr:`t`)."""
        return self._data()[0]

    @property
    def values(self) -> np.ndarray:
        """Samples, shape ``(T, k)``: row ``r`` is time ``t[r]``, column ``c`` the ``c``-th
        recorded item (:attr:`indices`)."""
        return self._data()[1]

    @property
    def indices(self) -> np.ndarray:
        """The recorded items (int64), in column order."""
        return self._data()[2]

    def _column(self, item: int) -> int:
        ix = self._data()[2]
        hit = np.flatnonzero(ix == item)
        if not hit.size:
            obj = self._object()
            known = ", ".join(map(str, ix[:20])) + (" ..." if ix.size > 20 else "")
            raise UnknownNameError(
                f"{obj}: {self._what} {item} is not recorded; recorded: {known}",
                object=obj,
                what=self._what,
                name=str(item),
                known=known,
            )
        return int(hit[0])


class StateMonitor(_Sampled):
    """Records state ``variable`` of some neurons of ``population``.

    Parameters
    ----------
    population:
        The population.
    variable:
        A state variable of its model (e.g. ``"v"``; ``population.state_variables`` lists
        them), or a synaptic variable (:data:`SYNAPTIC_VARIABLES`): ``"gsyn_exc"`` /
        ``"gsyn_inh"`` (nS, the conductance of the ``conductance`` synapses onto the
        population with ``e_rev`` above / at or below -40 mV), ``"gsyn_nmda"`` (nS, of the
        ``nmda`` synapses, before the Mg2+ block) or ``"isyn"`` (the current of the
        ``exponential`` and ``alpha`` synapses, in the model's input unit). Every backend
        records them.
    record:
        ``None``/``True`` for every neuron, or the neuron indices to record.
    interval:
        Seconds between samples (a whole number of steps; default every step).

    :attr:`t` (T,) sample times in seconds and :attr:`values` (T × k): row ``r`` is time
    ``t[r]``, column ``j`` neuron ``indices[j]``; :attr:`unit` the variable's unit. The
    variable is also an attribute (``mon.v``); :meth:`trace` gives one neuron's samples.

    Examples
    --------
    >>> ge = StateMonitor(exc, "gsyn_exc", record=[0, 1])     # doctest: +SKIP
    >>> net.run(0.1); ge.t.shape, ge.values.shape               # doctest: +SKIP
    ((1000,), (1000, 2))
    """

    def __init__(
        self,
        population: Population,
        variable: str = "v",
        record: Union[None, bool, Sequence[int], np.ndarray] = None,
        interval: Optional[float] = None,
        label: Optional[str] = None,
    ) -> None:
        super().__init__(population, label)
        obj = f"StateMonitor of '{population.label}'"
        self.variable: str = check_str(obj, "variable", variable)
        if (
            self.variable not in population.state_variables
            and self.variable not in SYNAPTIC_VARIABLES
        ):
            known = ", ".join(list(population.state_variables) + list(SYNAPTIC_VARIABLES))
            raise UnknownNameError(
                f"{obj}: unknown variable '{self.variable}'; known: {known}",
                object=obj,
                what="variable",
                name=self.variable,
                known=known,
            )
        if record is None or record is True:
            self.record: Optional[np.ndarray] = None
        elif record is False:
            raise ArgumentTypeError(f"{obj}: record=False records nothing; omit the monitor")
        else:
            self.record = int_array(obj, "record", record)
            bad = np.flatnonzero((self.record < 0) | (self.record >= population.n))
            if bad.size:
                k = int(bad[0])
                raise OutOfRangeError(
                    f"{obj}: indices[{k}] = {self.record[k]} is out of range; valid range: "
                    f"[0, {population.n})",
                    object=obj,
                    field=f"indices[{k}]",
                    value=str(self.record[k]),
                    range=f"[0, {population.n})",
                )
        self.interval: Optional[float] = (
            None if interval is None else check_float(obj, "interval", interval)
        )

    @property
    def is_synaptic(self) -> bool:
        """Whether the variable is a synaptic variable (not the model's own state)."""
        return self.variable not in self.population.state_variables

    @property
    def unit(self) -> str:
        """The variable's unit (``""`` when the model does not declare it)."""
        if self.is_synaptic:
            unit = SYNAPTIC_VARIABLES[self.variable][0]
            if unit == "input":
                return str(getattr(self.population.model, "input_unit", ""))
            return unit
        for s in getattr(self.population.model, "state_info", ()):
            if s.name == self.variable:
                return str(s.unit)
        return ""

    def _columns(self) -> np.ndarray:
        return (
            np.arange(self.population.n, dtype=np.int64)
            if self.record is None
            else self.record.copy()
        )

    @property
    def values(self) -> np.ndarray:
        """Samples, shape ``(T, k)``: row ``r`` is time ``t[r]`` (s), column ``j`` neuron
        ``indices[j]``."""
        return self._data()[1]

    @property
    def indices(self) -> np.ndarray:
        """The recorded neurons (population indices), in column order."""
        return self._data()[2]

    def trace(self, neuron: int) -> np.ndarray:
        """The samples of one recorded neuron (population index), shape ``(T,)``."""
        return self._data()[1][:, self._column(neuron)]

    def __getattr__(self, name: str) -> Any:
        if name != "variable" and name == self.__dict__.get("variable"):
            return self.values
        raise AttributeError(f"'StateMonitor' object has no attribute {name!r}")


class WeightMonitor(_Sampled):
    """Records the weights of some synapses of ``projection`` during the run (plastic ones
    change), on every backend, at the cost of the recording only.

    Parameters
    ----------
    projection:
        The :class:`~sc_neurocore.network.projection.Projection`.
    synapses:
        ``None`` for every synapse, or synapse indices in the order of the projection's
        :attr:`~sc_neurocore.network.projection.Projection.weights` (its CSR: sources
        ascending; ``proj.indptr`` / ``proj.indices`` give each synapse's source and
        target). Checked when the network is built (a named topology's synapses exist from
        then on).
    interval:
        Seconds between samples (a whole number of steps; default every step).

    :attr:`t` (T,) sample times in seconds and :attr:`values` (T × k, alias
    :attr:`weights`): row ``r`` holds the weights at ``t[r]`` (after the plasticity of every
    spike emitted before ``t[r]``), column ``j`` synapse ``synapses[j]``, whose source and
    target are :attr:`sources` ``[j]`` and :attr:`targets` ``[j]``. The weights at the end of
    a run are the next run's first sample (and ``projection.weights``).

    Examples
    --------
    >>> wm = WeightMonitor(stdp_proj, interval=0.01)           # doctest: +SKIP
    >>> net.run(10.0); wm.values[-1] - wm.values[0]             # doctest: +SKIP
    """

    _what = "synapse"

    def __init__(
        self,
        projection: Any,
        synapses: Union[None, Sequence[int], np.ndarray] = None,
        interval: Optional[float] = None,
        label: Optional[str] = None,
    ) -> None:
        from .projection import Projection

        if not isinstance(projection, Projection):
            raise ArgumentTypeError(
                f"WeightMonitor: projection must be a Projection, got {type_name(projection)}"
            )
        #: The recorded projection.
        self.projection = projection
        #: The population monitors of other kinds record; a weight monitor records none.
        self.population = None
        self._init_record(label or f"WeightMonitor({projection.label})")
        obj = f"WeightMonitor of '{projection.label}'"
        if synapses is None:
            self.synapse_selection: Optional[np.ndarray] = None
        else:
            sel = int_array(obj, "synapses", synapses)
            if sel.ndim != 1:
                raise ArgumentTypeError(
                    f"{obj}: synapses must be a 1-d sequence of synapse indices, got shape "
                    f"{sel.shape}"
                )
            bad = np.flatnonzero(sel < 0)
            if bad.size:
                k = int(bad[0])
                raise OutOfRangeError(
                    f"{obj}: synapses[{k}] = {sel[k]} is out of range; valid range: [0, "
                    "n_synapses)",
                    object=obj,
                    field=f"synapses[{k}]",
                    value=str(sel[k]),
                    range="[0, n_synapses)",
                )
            self.synapse_selection = sel
        self.interval: Optional[float] = (
            None if interval is None else check_float(obj, "interval", interval)
        )

    def _engine_data(self, engine, index, start):
        return engine.weight_data(index, start)

    def _object(self) -> str:
        return f"WeightMonitor of '{self.projection.label}'"

    def _columns(self) -> np.ndarray:
        if self.synapse_selection is not None:
            return self.synapse_selection.copy()
        if self._network is not None and (
            self.projection._csr is not None or self._network._engine is not None
        ):
            return np.arange(self.projection.n_synapses, dtype=np.int64)
        return np.zeros(0, dtype=np.int64)

    @property
    def synapses(self) -> np.ndarray:
        """The recorded synapses (indices into ``projection.weights``), in column order."""
        return self._data()[2]

    @property
    def weights(self) -> np.ndarray:
        """The samples, shape ``(T, k)`` (the same as :attr:`values`)."""
        return self._data()[1]

    @property
    def sources(self) -> np.ndarray:
        """Source (presynaptic) index of each recorded synapse, in column order."""
        ip = self.projection.indptr
        return (np.searchsorted(ip, self.synapses, side="right") - 1).astype(np.int64)

    @property
    def targets(self) -> np.ndarray:
        """Target (postsynaptic) index of each recorded synapse, in column order."""
        return self.projection.indices[self.synapses].astype(np.int64)

    def trace(self, synapse: int) -> np.ndarray:
        """The samples of one recorded synapse (index into ``projection.weights``)."""
        return self._data()[1][:, self._column(synapse)]

    def __repr__(self) -> str:
        return f"WeightMonitor({self.projection.label!r})"


class RateMonitor(Monitor):
    """The population rate of ``population`` in bins of ``bin`` seconds (a whole number of
    steps), aligned at t = 0: :attr:`times` (bin starts), :attr:`rates` (Hz, spikes / (n ×
    bin width); a last bin cut short by the end of the run uses its actual width),
    :attr:`counts`."""

    def __init__(
        self, population: Population, bin: float = 1e-3, label: Optional[str] = None
    ) -> None:
        super().__init__(population, label)
        self.bin: float = check_float(f"RateMonitor of '{population.label}'", "bin", bin)

    def _live_data(self):
        engine, index, skip = self._live
        counts, _bin = engine.rate_data(index)
        counts = counts.astype(np.int64)
        if skip is not None and skip.size:
            counts[: skip.size] -= skip
        return counts

    def _skip_mark(self, engine, index):
        return engine.rate_data(index)[0].astype(np.int64)

    @property
    def counts(self) -> np.ndarray:
        """Spikes per bin (int64)."""
        parts = list(self._segments)
        if self._live is not None:
            parts.append(self._live_data())
        n_bins = self._n_bins()
        out = np.zeros(n_bins, dtype=np.int64)
        for p in parts:
            m = min(p.size, n_bins)
            out[:m] += p[:m]
        return out

    def _grid(self) -> Tuple[float, int, int]:
        net = self._network
        if net is None or net._dt is None:
            return 0.0, 1, 0
        dt = net._dt
        bin_steps = max(1, int(round(self.bin / dt)))
        return dt, bin_steps, net._steps

    def _n_bins(self) -> int:
        _, bin_steps, end = self._grid()
        return -(-end // bin_steps)

    @property
    def times(self) -> np.ndarray:
        """Start of each bin, seconds."""
        dt, bin_steps, _ = self._grid()
        return np.arange(self._n_bins(), dtype=np.float64) * bin_steps * dt

    @property
    def rates(self) -> np.ndarray:
        """Population rate per bin, Hz."""
        dt, bin_steps, end = self._grid()
        c = self.counts
        first = np.arange(c.size, dtype=np.int64) * bin_steps
        last = np.minimum(first + bin_steps, np.maximum(end, first + 1))
        width = (last - first).astype(np.float64) * dt
        return c.astype(np.float64) / (float(self.population.n) * width)

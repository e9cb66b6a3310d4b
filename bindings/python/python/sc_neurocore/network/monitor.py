"""Monitors: what a network records while it runs. Results are NumPy arrays with times in
seconds; repeated runs append (the network's clock keeps counting).

- :class:`SpikeMonitor`: every spike of a population; a spike emitted while integrating
  step ``k`` has the time ``(k+1)·dt``.
- :class:`StateMonitor`: a state variable of some neurons; the sample of step ``k`` is the
  state at ``k·dt`` before that step integrates (Brian2's convention).
- :class:`RateMonitor`: the population rate in bins aligned at t = 0.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

import numpy as np

from .._util import check_float, check_str, int_array, type_name
from ..errors import ArgumentTypeError, UnknownNameError
from .population import Population

__all__ = ["Monitor", "SpikeMonitor", "StateMonitor", "RateMonitor"]


class Monitor:
    """Base class of the monitors (not instantiated directly)."""

    def __init__(self, population: Population, label: Optional[str]) -> None:
        if not isinstance(population, Population):
            raise ArgumentTypeError(
                f"{type(self).__name__}: population must be a Population, got "
                f"{type_name(population)}"
            )
        #: The recorded population.
        self.population: Population = population
        self.label: str = check_str(
            type(self).__name__, "label", label or f"{type(self).__name__}({population.label})"
        )
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

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.population.label!r})"


class SpikeMonitor(Monitor):
    """Records every spike of ``population``.

    Attributes give NumPy arrays: :attr:`spike_times` (s), :attr:`spike_ids`
    (population-local indices), ordered by (time, id); :attr:`spike_trains` a dict
    ``{neuron: times}``; :attr:`count`; :attr:`rates` per neuron.
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


class StateMonitor(Monitor):
    """Records state ``variable`` of some neurons of ``population``.

    Parameters
    ----------
    population:
        The population.
    variable:
        A state variable of its model (e.g. ``"v"``).
    record:
        ``None``/``True`` for every neuron, or the neuron indices to record.
    interval:
        Seconds between samples (a whole number of steps; default every step).

    :attr:`times` (T,) and :attr:`values` (T × k, column j = neuron ``indices[j]``); the
    variable is also an attribute (``mon.v``).
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
        if self.variable not in population.state_variables:
            known = ", ".join(population.state_variables)
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
                from ..errors import OutOfRangeError

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

    def _live_data(self):
        engine, index, skip = self._live
        return engine.state_data(index, skip or 0)

    def _skip_mark(self, engine, index):
        return int(engine.state_data(index, 0)[0].shape[0])

    def _cut(self, data, steps, dt):
        t, v, ix = data
        keep = t < (steps - 0.5) * dt
        return t[keep], v[keep], ix

    def _data(self) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
        parts = list(self._segments)
        if self._live is not None:
            parts.append(self._live_data())
        ix = (
            np.arange(self.population.n, dtype=np.int64)
            if self.record is None
            else self.record.copy()
        )
        if not parts:
            return np.zeros(0), np.zeros((0, ix.shape[0])), ix
        if len(parts) == 1:
            return parts[0]
        return (
            np.concatenate([p[0] for p in parts]),
            np.concatenate([p[1] for p in parts], axis=0),
            parts[0][2],
        )

    @property
    def times(self) -> np.ndarray:
        """Sample times, seconds."""
        return self._data()[0]

    @property
    def values(self) -> np.ndarray:
        """Samples, T × k (row = sample, column = recorded neuron)."""
        return self._data()[1]

    @property
    def indices(self) -> np.ndarray:
        """The recorded neurons, in column order."""
        return self._data()[2]

    def trace(self, neuron: int) -> np.ndarray:
        """The samples of one recorded neuron (population index)."""
        t, v, ix = self._data()
        hit = np.flatnonzero(ix == neuron)
        if not hit.size:
            raise UnknownNameError(
                f"StateMonitor of '{self.population.label}': neuron {neuron} is not recorded",
                object=f"StateMonitor of '{self.population.label}'",
                what="neuron",
                name=str(neuron),
                known=", ".join(map(str, ix[:20])) + (" ..." if ix.size > 20 else ""),
            )
        return v[:, int(hit[0])]

    def __getattr__(self, name: str) -> Any:
        if name != "variable" and name == self.__dict__.get("variable"):
            return self.values
        raise AttributeError(f"'StateMonitor' object has no attribute {name!r}")


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

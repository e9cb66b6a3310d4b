"""Plotting helpers (optional extra: ``pip install sc_neurocore[plot]``, i.e. matplotlib).

Each function draws on ``ax`` (default: a new figure's axes) and returns the axes; nothing
is shown or saved, so they work headless (``matplotlib.use("Agg")``). Axes carry their
units (time in s, rates in Hz, a state variable in its model's unit, weights in the
projection's weight unit) and traces a legend.
"""

from __future__ import annotations

from typing import Any, Optional, Sequence, Union

import numpy as np

from .errors import ArgumentTypeError, NotAvailableError
from .network.monitor import RateMonitor, SpikeMonitor, StateMonitor, WeightMonitor

__all__ = ["plot_raster", "plot_population_rate", "plot_state", "plot_weights"]

#: Most traces a plot labels in a legend (more would hide the traces).
LEGEND_MAX = 10


def _axes(ax):
    try:
        import matplotlib.pyplot as plt
    except ImportError:
        raise NotAvailableError(
            "sc_neurocore.plotting needs matplotlib: pip install 'sc_neurocore[plot]' (or "
            "pip install matplotlib)"
        ) from None
    if ax is None:
        _, ax = plt.subplots()
    return ax


def plot_raster(
    monitor: Union[SpikeMonitor, Sequence[SpikeMonitor]],
    ax: Any = None,
    *,
    marker: str = "|",
    s: float = 4.0,
    **kwargs: Any,
):
    """A raster plot: one mark per spike, time (s) against neuron. One monitor: its
    population's indices. Several (e.g. ``[mon_exc, mon_inh]``, of one network): their
    network-wide ids (:attr:`SpikeMonitor.global_ids`), one colour and legend entry per
    population."""
    monitors = [monitor] if isinstance(monitor, SpikeMonitor) else list(monitor)
    for m in monitors:
        if not isinstance(m, SpikeMonitor):
            raise ArgumentTypeError(f"plot_raster: expected SpikeMonitors, got {type(m).__name__}")
    if not monitors:
        raise ArgumentTypeError("plot_raster: no monitor given")
    ax = _axes(ax)
    if len(monitors) == 1:
        m = monitors[0]
        t, i = m.raster
        ax.scatter(t, i, marker=marker, s=s, **kwargs)
        ax.set_ylabel(f"neuron ({m.population.label})")
        ax.set_ylim(-0.5, m.population.n - 0.5)
    else:
        lo, hi = None, None
        for m in monitors:
            ax.scatter(m.spike_times, m.global_ids, marker=marker, s=s, label=m.population.label, **kwargs)
            a, b = m.offset, m.offset + m.population.n
            lo = a if lo is None else min(lo, a)
            hi = b if hi is None else max(hi, b)
        ax.set_ylabel("neuron (network-wide id)")
        ax.set_ylim(lo - 0.5, hi - 0.5)
        ax.legend(loc="upper right", markerscale=3)
    ax.set_xlabel("time (s)")
    return ax


def plot_population_rate(
    monitor: Union[RateMonitor, SpikeMonitor], ax: Any = None, *, bin: Optional[float] = None, **kwargs: Any
):
    """The population rate (Hz) over time: a :class:`RateMonitor`'s bins, or a
    :class:`SpikeMonitor`'s spikes counted in bins of ``bin`` seconds (default 1 ms)."""
    ax = _axes(ax)
    if isinstance(monitor, RateMonitor):
        t, r, width = monitor.times, monitor.rates, monitor.bin
    elif isinstance(monitor, SpikeMonitor):
        width = 1e-3 if bin is None else float(bin)
        t0, t1 = monitor.t_start, monitor.t_end
        edges = np.arange(t0, t1 + width * 0.5, width)
        if edges.size < 2:
            edges = np.array([t0, t0 + width])
        counts, edges = np.histogram(monitor.spike_times, bins=edges)
        t = edges[:-1]
        r = counts / (monitor.population.n * width)
    else:
        raise ArgumentTypeError(
            f"plot_population_rate: expected a RateMonitor or SpikeMonitor, got {type(monitor).__name__}"
        )
    ax.step(t, r, where="post", **kwargs)
    ax.set_xlabel("time (s)")
    ax.set_ylabel(f"rate (Hz), {monitor.population.label}")
    return ax


def _with_unit(name: str, unit: str) -> str:
    return f"{name} ({unit})" if unit else name


def plot_state(monitor: StateMonitor, ax: Any = None, *, neurons: Optional[Sequence[int]] = None, **kwargs: Any):
    """State traces of a :class:`StateMonitor` against time (s): every recorded neuron, or
    the recorded neurons ``neurons`` (population indices; one that is not recorded raises).
    The y axis names the variable and its unit; a legend names each trace (up to
    :data:`LEGEND_MAX` traces)."""
    if not isinstance(monitor, StateMonitor):
        raise ArgumentTypeError(f"plot_state: expected a StateMonitor, got {type(monitor).__name__}")
    return _plot_sampled(
        monitor, ax, neurons, lambda k: f"{monitor.population.label}[{k}]",
        _with_unit(monitor.variable, monitor.unit), kwargs,
    )


def plot_weights(monitor: WeightMonitor, ax: Any = None, *, synapses: Optional[Sequence[int]] = None, unit: str = "", **kwargs: Any):
    """Weight traces of a :class:`WeightMonitor` against time (s): every recorded synapse,
    or the recorded synapses ``synapses`` (indices into ``projection.weights``; one that is
    not recorded raises). ``unit`` labels the y axis (the weight's unit: mV for delta
    synapses, nS for conductances, the model's current unit otherwise)."""
    if not isinstance(monitor, WeightMonitor):
        raise ArgumentTypeError(f"plot_weights: expected a WeightMonitor, got {type(monitor).__name__}")
    src, tgt = monitor.sources, monitor.targets
    ix = list(monitor.synapses)

    def label(k: int) -> str:
        c = ix.index(k)
        return f"{monitor.projection.label} {src[c]}->{tgt[c]}"

    return _plot_sampled(monitor, ax, synapses, label, _with_unit("weight", unit), kwargs)


def _plot_sampled(monitor, ax, items, label, ylabel: str, kwargs):
    ax = _axes(ax)
    t, v = monitor.t, monitor.values
    recorded = [int(k) for k in monitor.indices]
    if items is None:
        chosen = recorded
        cols = list(range(len(recorded)))
    else:
        chosen = [int(k) for k in items]
        cols = [monitor._column(k) for k in chosen]
    for c, k in zip(cols, chosen):
        ax.plot(t, v[:, c], label=label(k), **kwargs)
    ax.set_xlabel("time (s)")
    ax.set_ylabel(ylabel)
    if 0 < len(cols) <= LEGEND_MAX:
        ax.legend(loc="best")
    return ax

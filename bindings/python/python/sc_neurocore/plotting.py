"""Plotting helpers (optional extra: ``pip install sc_neurocore[plot]``, i.e. matplotlib).

Each function draws on ``ax`` (default: a new figure's axes) and returns the axes; nothing
is shown or saved, so they work headless (``matplotlib.use("Agg")``).
"""

from __future__ import annotations

from typing import Any, Optional, Sequence, Union

import numpy as np

from .errors import ArgumentTypeError, NotAvailableError
from .network.monitor import RateMonitor, SpikeMonitor, StateMonitor

__all__ = ["plot_raster", "plot_population_rate", "plot_state"]


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


def plot_raster(monitor: SpikeMonitor, ax: Any = None, *, marker: str = "|", s: float = 4.0, **kwargs: Any):
    """A raster plot of ``monitor``: one mark per spike, time (s) against neuron index."""
    if not isinstance(monitor, SpikeMonitor):
        raise ArgumentTypeError(f"plot_raster: expected a SpikeMonitor, got {type(monitor).__name__}")
    ax = _axes(ax)
    t, i = monitor.raster
    ax.scatter(t, i, marker=marker, s=s, **kwargs)
    ax.set_xlabel("time (s)")
    ax.set_ylabel(f"neuron ({monitor.population.label})")
    ax.set_ylim(-0.5, monitor.population.n - 0.5)
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


def plot_state(monitor: StateMonitor, ax: Any = None, *, neurons: Optional[Sequence[int]] = None, **kwargs: Any):
    """State traces of a :class:`StateMonitor` (all recorded neurons, or ``neurons``)."""
    if not isinstance(monitor, StateMonitor):
        raise ArgumentTypeError(f"plot_state: expected a StateMonitor, got {type(monitor).__name__}")
    ax = _axes(ax)
    t = monitor.times
    if neurons is None:
        cols = range(monitor.indices.size)
        labels = monitor.indices
    else:
        labels = list(neurons)
        cols = [int(np.flatnonzero(monitor.indices == k)[0]) for k in labels if k in monitor.indices]
    v = monitor.values
    for c, k in zip(cols, labels):
        ax.plot(t, v[:, c], label=f"{monitor.population.label}[{k}]", **kwargs)
    ax.set_xlabel("time (s)")
    ax.set_ylabel(monitor.variable)
    return ax

"""Stimuli: input driven into a population (``target=``; without it, the first population
added to the network). A stimulus whose size does not fit its target is an error, never a
broadcast."""

from __future__ import annotations

from typing import Any, Optional

import numpy as np

from .. import _native
from .._util import check_float, check_int, check_optional_float, check_str, float_array, scalar_or_array, type_name
from ..errors import ArgumentTypeError, ShapeMismatchError
from .population import Population

__all__ = ["Stimulus", "PoissonInput", "StepCurrent", "TimedArray"]


class Stimulus:
    """Base class of the stimuli (not instantiated directly)."""

    _native: "_native.Stimulus"

    def __init__(self, target: Optional[Population], label: Optional[str]) -> None:
        if target is not None and not isinstance(target, Population):
            raise ArgumentTypeError(
                f"{type(self).__name__}: target must be a Population or None, got "
                f"{type_name(target)}"
            )
        #: The driven population (None: the network's first population).
        self.target: Optional[Population] = target
        self.label: str = check_str(type(self).__name__, "label", label or type(self).__name__)
        self._network = None

    @property
    def n(self) -> Optional[int]:
        """The number of neurons it is for (None: any population)."""
        return self._native.n

    def _synapse_kwargs(self) -> dict:
        return {}

    def __repr__(self) -> str:
        tgt = self.target.label if self.target is not None else "<first population>"
        return f"{type(self).__name__}(label={self.label!r}, target={tgt!r})"


class PoissonInput(Stimulus):
    """Independent Poisson spike trains, one per neuron of the target (NEST's
    ``poisson_generator``): in each step, a Poisson number of input spikes with mean
    ``rate_hz·dt``, each adding ``weight`` to its neuron's membrane (a delta jump, in the
    membrane's unit, e.g. mV), or into the given ``synapse`` kind.

    Parameters
    ----------
    n:
        Number of channels; must equal the target population's size.
    rate_hz:
        Rate per channel in Hz (a number, or one per channel).
    weight:
        Effect of one input spike.
    dt:
        Optional: the step this input is meant for. The network's ``run(dt=...)`` is the one
        time base; if ``dt`` is given here and differs from the run's, the run raises.
    seed:
        Own seed for this input's streams (default: the network's seed).
    target:
        The driven population (default: the network's first population).
    synapse, tau_syn, e_rev:
        How input spikes act (default ``"delta"``), as for projections; not ``"nmda"``,
        whose gating jump depends on a presynaptic neuron's own spikes (drive NMDA synapses
        from a ``PoissonNeuron`` population through a projection).
    onset, offset:
        The input acts in the steps ``round(onset/dt) <= k < round(offset/dt)`` (seconds;
        default: always), as a :class:`StepCurrent`'s window; NEST's ``start``/``stop``. A
        NEST generator connected with delay ``D`` reaches its targets from ``onset = D``.
    """

    def __init__(
        self,
        n: int,
        rate_hz: Any,
        weight: float,
        dt: Optional[float] = None,
        seed: Optional[int] = None,
        target: Optional[Population] = None,
        *,
        synapse: str = "delta",
        tau_syn: Optional[float] = None,
        e_rev: Optional[float] = None,
        onset: float = 0.0,
        offset: float = float("inf"),
        label: Optional[str] = None,
    ) -> None:
        super().__init__(target, label)
        o = "PoissonInput"
        n = check_int(o, "n", n, 1)
        self.onset = check_float(o, "onset", onset)
        self.offset = check_float(o, "offset", offset)
        self._native = _native.Stimulus.poisson(
            n,
            scalar_or_array(o, "rate_hz", rate_hz),
            check_float(o, "weight", weight),
            None if seed is None else check_int(o, "seed", seed),
            self.onset,
            self.offset,
        )
        self.rate_hz = rate_hz
        self.weight = float(weight)
        self.seed = seed
        self.dt = check_optional_float(o, "dt", dt)
        if self.dt is not None:
            _native.check_dt(self.dt)
        obj = f"PoissonInput '{self.label}'"
        self.synapse = _native.check_synapse(
            obj,
            check_str(obj, "synapse", synapse),
            check_optional_float(obj, "tau_syn", tau_syn),
            check_optional_float(obj, "e_rev", e_rev),
            stimulus=True,
        )
        self.tau_syn = tau_syn
        self.e_rev = e_rev

    def _synapse_kwargs(self) -> dict:
        return dict(synapse=self.synapse, tau_syn=self.tau_syn, e_rev=self.e_rev)


class StepCurrent(Stimulus):
    """A current of ``amplitude`` (the target model's input unit, e.g. pA) switched on at
    ``onset`` and off at ``offset`` seconds: on in the steps ``round(onset/dt) <= k <
    round(offset/dt)``. ``offset=float('inf')`` keeps it on. ``amplitude`` is a number for
    every neuron or an array of one value per neuron of the target."""

    def __init__(
        self,
        onset: float,
        offset: float,
        amplitude: Any,
        target: Optional[Population] = None,
        *,
        label: Optional[str] = None,
    ) -> None:
        super().__init__(target, label)
        o = "StepCurrent"
        self.onset = check_float(o, "onset", onset)
        self.offset = check_float(o, "offset", offset)
        self.amplitude = amplitude
        self._native = _native.Stimulus.step_current(
            self.onset, self.offset, scalar_or_array(o, "amplitude", amplitude)
        )


class TimedArray(Stimulus):
    """A sampled current: ``values[i]`` holds from ``i·dt`` to ``(i+1)·dt`` seconds (its own
    ``dt``, independent of the network's); past the end the last value is held (as
    Brian2's ``TimedArray``). A 1-D array gives every neuron the same current; a 2-D array
    ``T × n`` one current per neuron (column = neuron)."""

    def __init__(
        self,
        values: Any,
        dt: float,
        target: Optional[Population] = None,
        *,
        label: Optional[str] = None,
    ) -> None:
        super().__init__(target, label)
        o = "TimedArray"
        arr = np.asarray(values)
        if arr.ndim not in (1, 2):
            raise ShapeMismatchError(
                f"{o}: values has {arr.ndim} dimensions, expected 1 (T) or 2 (T x n)",
                object=o,
                field="values",
                got=int(arr.ndim),
                expected="1 or 2 dimensions",
            )
        arr = float_array(o, "values", arr, ndim=arr.ndim)
        self.values = arr
        self.dt = check_float(o, "dt", dt)
        if arr.ndim == 1:
            self._native = _native.Stimulus.timed_array(arr, self.dt)
        else:
            self._native = _native.Stimulus.timed_array(
                np.ascontiguousarray(arr.reshape(-1)), self.dt, int(arr.shape[1])
            )

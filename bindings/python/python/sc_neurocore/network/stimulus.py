"""Stimuli: input driven into a population (``target=``; without it, the first population
added to the network). A stimulus whose size does not fit its target is an error, never a
broadcast."""

from __future__ import annotations

from typing import Any, Optional

import numpy as np

from .. import _native, units
from .._sealed import Sealed
from .._util import check_float, check_int, check_optional_float, check_str, float_array, scalar_or_array, type_name
from ..errors import ArgumentTypeError, ShapeMismatchError
from .population import Population

__all__ = ["Stimulus", "PoissonInput", "StepCurrent", "TimedArray"]


class Stimulus(Sealed):
    """Base class of the stimuli (not instantiated directly). A stimulus is fixed when it
    is made: assigning an attribute raises (create a new stimulus instead)."""

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

    def _assignment_hint(self, name: str) -> str:
        return (
            f"a {type(self).__name__} is fixed when it is made: create a new one (in a network "
            "that has run, reset() it and add the new stimulus in place of this one)"
        )

    def _unit_of_input(self, field: str, value: Any) -> Optional[str]:
        """The target model's input unit, for a ``field`` given as a quantity."""
        if not isinstance(value, units.Quantity):
            return None
        obj = f"{type(self).__name__} '{self.label}'"
        if self.target is None:
            raise ArgumentTypeError(
                f"{obj}: {field} = {value!r} has a unit, but without target= the model (and "
                "its input unit) is not known yet; give target= or a plain number in the "
                "target model's input unit"
            )
        return getattr(self.target.model, "input_unit", "") or None

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
        Rate per channel in Hz (a number, or one per channel; or with a unit, ``8 * Hz``).
    weight:
        Effect of one input spike: mV for ``delta`` (the membrane's unit), the target
        model's input unit (pA) for ``exponential``/``alpha``, nS for ``conductance`` (>= 0;
        inhibition is a positive conductance with an inhibitory ``e_rev``).
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
        self.onset = check_float(o, "onset", onset, "s")
        self.offset = check_float(o, "offset", offset, "s")
        rate_hz = units.convert(o, "rate_hz", rate_hz, "Hz")
        if isinstance(weight, units.Quantity):
            from .projection import _weight_unit

            weight = units.convert(o, "weight", weight, _weight_unit(synapse, target))
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
        self.dt = check_optional_float(o, "dt", dt, "s")
        if self.dt is not None:
            _native.check_dt(self.dt)
        obj = f"PoissonInput '{self.label}'"
        tau_syn = check_optional_float(obj, "tau_syn", tau_syn, "s")
        e_rev = check_optional_float(obj, "e_rev", e_rev, "mV")
        units.check_synaptic_tau(obj, "tau_syn", tau_syn)
        self.synapse = _native.check_synapse(
            obj,
            check_str(obj, "synapse", synapse),
            tau_syn,
            e_rev,
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
    every neuron or an array of one value per neuron of the target. Times and the amplitude
    may be written with units (``onset=50 * ms``, ``amplitude=400 * pA``; a unit on the
    amplitude needs ``target=``, whose model says the input unit)."""

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
        self.onset = check_float(o, "onset", onset, "s")
        self.offset = check_float(o, "offset", offset, "s")
        amplitude = units.convert(o, "amplitude", amplitude, self._unit_of_input("amplitude", amplitude))
        self.amplitude = amplitude
        self._native = _native.Stimulus.step_current(
            self.onset, self.offset, scalar_or_array(o, "amplitude", amplitude)
        )


class TimedArray(Stimulus):
    """A sampled current: ``values[i]`` holds from ``i·dt`` to ``(i+1)·dt`` seconds (its own
    ``dt``, independent of the network's); past the end the last value is held (as
    Brian2's ``TimedArray``). A 1-D array gives every neuron the same current; a 2-D array
    ``T × n`` one current per neuron (column = neuron). ``values`` are in the target model's
    input unit (e.g. pA), or with a unit (``array * pA``, with ``target=``); ``dt`` in
    seconds or with a unit."""

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
        values = units.convert(o, "values", values, self._unit_of_input("values", values))
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
        self.dt = check_float(o, "dt", dt, "s")
        if arr.ndim == 1:
            self._native = _native.Stimulus.timed_array(arr, self.dt)
        else:
            self._native = _native.Stimulus.timed_array(
                np.ascontiguousarray(arr.reshape(-1)), self.dt, int(arr.shape[1])
            )

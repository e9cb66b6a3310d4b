"""The network engine: :class:`Population`, :class:`Projection`, :class:`Network`, the
monitors, the stimuli and the topology generators (modules as the tutorial imports them:
``sc_neurocore.network.population``, ``.projection``, ``.network``, ``.monitor``,
``.stimulus``, ``.topology``)."""

from .monitor import SYNAPTIC_VARIABLES, RateMonitor, SpikeMonitor, StateMonitor, WeightMonitor
from .network import BACKENDS, Network
from .plasticity import STDP
from .population import Population
from .projection import Normal, Projection, Uniform
from .stimulus import PoissonInput, StepCurrent, TimedArray
from .topology import (
    CSR,
    all_to_all,
    grid_topology,
    random_connectivity,
    ring_topology,
    scale_free,
    small_world,
)

__all__ = [
    "Population",
    "Projection",
    "Normal",
    "Uniform",
    "Network",
    "BACKENDS",
    "SpikeMonitor",
    "StateMonitor",
    "WeightMonitor",
    "SYNAPTIC_VARIABLES",
    "RateMonitor",
    "PoissonInput",
    "StepCurrent",
    "TimedArray",
    "STDP",
    "CSR",
    "random_connectivity",
    "small_world",
    "scale_free",
    "ring_topology",
    "grid_topology",
    "all_to_all",
]

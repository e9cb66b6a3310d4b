"""The network engine: :class:`Population`, :class:`Projection`, :class:`Network`, the
monitors, the stimuli and the topology generators (modules as the tutorial imports them:
``sc_neurocore.network.population``, ``.projection``, ``.network``, ``.monitor``,
``.stimulus``, ``.topology``)."""

from .monitor import RateMonitor, SpikeMonitor, StateMonitor
from .network import BACKENDS, Network
from .plasticity import STDP
from .population import Population
from .projection import Normal, Projection
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
    "Network",
    "BACKENDS",
    "SpikeMonitor",
    "StateMonitor",
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

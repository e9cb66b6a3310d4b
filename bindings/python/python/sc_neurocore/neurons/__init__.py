"""Neuron models: the catalogue (:mod:`sc_neurocore.neurons.models`, generated from the Rust
registry) and the base class of user-defined models, :class:`NeuronModel` (whose
documentation gives the protocol ``backend="python"`` runs)."""

from .base import CatalogueNeuron, NeuronModel, ParamInfo, StateInfo
from . import models
from .models import CLASSES, lookup


def catalogue() -> dict:
    """``{registry name: class}`` of every catalogue model, in registry order."""
    return dict(CLASSES)


__all__ = [
    "NeuronModel",
    "CatalogueNeuron",
    "ParamInfo",
    "StateInfo",
    "models",
    "catalogue",
    "lookup",
]

"""Populations: groups of identical neurons of one model."""

from __future__ import annotations

import itertools
from typing import Any, Dict, Mapping, Optional, Union

import numpy as np

from .._util import check_int, check_str, type_name
from ..errors import ArgumentTypeError, InvalidConfigurationError
from ..neurons.base import CatalogueNeuron, NeuronModel
from ..neurons.models import lookup

__all__ = ["Population"]

_counter = itertools.count()

ModelSpec = Union[str, type]


class Population:
    """A group of ``n`` neurons of one model.

    Parameters
    ----------
    model:
        A catalogue class (``HodgkinHuxleyNeuron``), a catalogue name (``"hodgkin_huxley"``
        or ``"HodgkinHuxleyNeuron"``), or a user-defined subclass of
        :class:`sc_neurocore.neurons.NeuronModel` (run by ``backend="python"`` only).
    n:
        Number of neurons (>= 1).
    label:
        Name, unique within a network (default: the model name and a counter).
    params:
        ``{name: value}`` over the model's defaults; each value a number for every neuron
        or an array of ``n`` values. Checked now: unknown names, ranges, sizes and the
        model's cross-parameter rules raise, naming the population.

    Examples
    --------
    >>> exc = Population(HodgkinHuxleyNeuron, n=80, label="exc")          # doctest: +SKIP
    >>> lif = Population("lif", 100, params={"i_e": np.linspace(300, 500, 100)})  # doctest: +SKIP
    """

    def __init__(
        self,
        model: ModelSpec,
        n: int,
        label: Optional[str] = None,
        params: Optional[Mapping[str, Any]] = None,
    ) -> None:
        self.model: type = _model_class(model)
        self.n: int = check_int("Population", "n", n, 1)
        if label is None:
            label = f"{self.model.model_name()}_{next(_counter)}"
        self.label: str = check_str("Population", "label", label)
        self.params: Dict[str, Any] = self.model.check_params(
            f"Population '{self.label}'", self.n, params or {}
        )
        self._network = None  # set by Network.add

    @property
    def is_catalogue(self) -> bool:
        """Whether the model is from the compiled catalogue (runs on every backend)."""
        return issubclass(self.model, CatalogueNeuron)

    @property
    def model_name(self) -> str:
        """Registry name of a catalogue model, class name of a user model."""
        return self.model.model_name()

    @property
    def state_variables(self) -> tuple:
        """Names of the recordable state variables."""
        return tuple(self.model.state_variables)

    def get_state(self, variable: str) -> np.ndarray:
        """Current values of ``variable`` for every neuron, from the network's last run."""
        if self._network is None:
            raise InvalidConfigurationError(
                f"Population '{self.label}': not in a network; its state exists once a "
                "network that holds it has run",
                object=f"Population '{self.label}'",
            )
        return self._network._population_state(self, variable)

    def __len__(self) -> int:
        return self.n

    def __repr__(self) -> str:
        return f"Population({self.model.__name__}, n={self.n}, label={self.label!r})"


def _model_class(model: Any) -> type:
    if isinstance(model, str):
        return lookup(model)
    if isinstance(model, type) and issubclass(model, NeuronModel):
        if model is NeuronModel or model is CatalogueNeuron:
            raise ArgumentTypeError(
                "Population: model must be a concrete model class, not the base class "
                f"{model.__name__}"
            )
        if not issubclass(model, CatalogueNeuron):
            if not model.state_variables:
                raise InvalidConfigurationError(
                    f"Population: {model.__name__}.state_variables is empty; a model needs "
                    "at least its membrane variable",
                    object=model.__name__,
                )
            if model.membrane not in model.state_variables:
                raise InvalidConfigurationError(
                    f"Population: {model.__name__}.membrane = {model.membrane!r} is not one "
                    f"of its state_variables {tuple(model.state_variables)}",
                    object=model.__name__,
                )
        return model
    if isinstance(model, NeuronModel):
        raise ArgumentTypeError(
            f"Population: model must be a class, got an instance of {type(model).__name__}; "
            f"pass {type(model).__name__} itself"
        )
    raise ArgumentTypeError(
        "Population: model must be a neuron class (e.g. HodgkinHuxleyNeuron, a NeuronModel "
        f"subclass) or a catalogue name, got {type_name(model)} {model!r}"
    )

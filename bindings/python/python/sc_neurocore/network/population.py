"""Populations: groups of identical neurons of one model."""

from __future__ import annotations

import collections.abc
import itertools
from typing import Any, Dict, Iterator, Mapping, Optional, Union

import numpy as np

from .. import units
from .._sealed import Sealed
from .._util import check_int, check_str, type_name
from ..errors import (
    ArgumentTypeError,
    InvalidConfigurationError,
    OutOfRangeError,
    ShapeMismatchError,
    UnknownNameError,
)
from ..neurons.base import CatalogueNeuron, NeuronModel
from ..neurons.models import lookup

__all__ = ["Population"]

_counter = itertools.count()

ModelSpec = Union[str, type]


class Population(Sealed):
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
        or an array of ``n`` values, in the parameter's unit (``parameter_info`` of the
        model class, e.g. ``tau_m`` in ms, ``v_th`` in mV, ``i_e`` in pA) or with a unit
        from :mod:`sc_neurocore.units` (``20 * ms``), converted to it. Checked now: unknown
        names, ranges, sizes and the model's cross-parameter rules raise, naming the
        population.

    Parameters change with :meth:`set` (or by assigning :attr:`params`) before the first run
    or after :meth:`Network.reset`; a network that has run raises instead of ignoring the
    change. Initial values of state variables are parameters (``v_init``...); between runs
    :meth:`set_state` sets a state variable. Attributes cannot be assigned (``pop.v = -50``
    raises and names the call that does it).

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
        self._params: Dict[str, Any] = self.model.check_params(
            f"Population '{self.label}'", self.n, params or {}
        )
        self._network = None  # set by Network.add

    @property
    def params(self) -> Mapping[str, Any]:
        """The parameters given (over the model's defaults), read-only: change them with
        :meth:`set` or by assigning a whole dict (``pop.params = {...}``)."""
        return ParamsView(self)

    @params.setter
    def params(self, values: Mapping[str, Any]) -> None:
        self._replace_params(values, "params = ...")

    def set(self, **params: Any) -> "Population":
        """Changes some parameters, keeping the others: ``exc.set(v_th=-50, i_e=array)``
        (values as for ``params=``, units allowed). The next run of the network uses them
        when the network has not run yet or was :meth:`~Network.reset`; in a network that
        has run (whose compiled neurons were built with the old values) it raises, so that
        a change is never silently ignored. Checked as at construction; nothing changes on
        error."""
        merged = dict(self._params)
        merged.update(params)
        self._replace_params(merged, "set(...)")
        return self

    def _replace_params(self, values: Mapping[str, Any], how: str) -> None:
        obj = f"Population '{self.label}'"
        net = self._network
        if net is not None and (net._engine is not None or net._steps):
            raise InvalidConfigurationError(
                f"{obj}: its parameters cannot change in a network that has run (t = {net.t} "
                f"s): the running neurons were built with the old values and would ignore "
                f"{how}; call reset() on the network first (the next run starts again at t = "
                "0 with the new values)",
                object=obj,
            )
        self._params = self.model.check_params(obj, self.n, values)

    def _assignment_hint(self, name: str) -> str:
        model = self.model
        known_params = tuple(model.parameters)
        if name in model.state_variables:
            init = f"{name}_init"
            if init in known_params:
                return (
                    f"'{name}' is a state variable of {model.model_name()}; its initial value is "
                    f"the parameter '{init}' (params={{'{init}': ...}} or pop.set({init}=...) "
                    f"before the first run or after net.reset()); between runs "
                    f"pop.set_state('{name}', ...); read it with pop.get_state('{name}')"
                )
            return (
                f"'{name}' is a state variable of {model.model_name()}, set by the model's "
                f"initial state and its dynamics; between runs pop.set_state('{name}', ...); "
                f"read it with pop.get_state('{name}')"
            )
        if name in known_params:
            return (
                f"'{name}' is a parameter of {model.model_name()}: set it with "
                f"pop.set({name}=...) (before the first run or after net.reset()) or "
                f"Population(..., params={{'{name}': ...}})"
            )
        if name in ("n", "model", "label"):
            return "create a new Population"
        return (
            f"parameters of {model.model_name()} (set with pop.set(...)): "
            f"{', '.join(known_params) or '(none)'}; state variables: "
            f"{', '.join(model.state_variables)}"
        )

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

    def set_state(self, variable: str, values: Any) -> "Population":
        """Sets state variable ``variable`` of every neuron between runs (Brian2's ``group.v
        = ...`` between runs; NEST's ``SetStatus`` of ``V_m``): the next run starts from
        these values, on every backend (a backend switch replays it at the same step). A
        number for all neurons or one per neuron, in the variable's unit (``state_info``,
        e.g. ``v`` in mV) or with a unit (``-60 * mV``). Only that variable changes: the
        model's other state and its parameters stay. Before the first run (and after
        :meth:`Network.reset`) the initial state comes from the parameters (``v_init``...),
        and this raises saying which one."""
        obj = f"Population '{self.label}'"
        net = self._network
        if variable not in self.model.state_variables:
            known = ", ".join(self.model.state_variables)
            raise UnknownNameError(
                f"{obj}: unknown variable '{variable}'; known: {known}",
                object=obj,
                what="variable",
                name=str(variable),
                known=known,
            )
        if net is None or net._engine is None:
            init = f"{variable}_init"
            how = (
                f"its initial value is the parameter '{init}' (pop.set({init}=...))"
                if init in self.model.parameters
                else "the model's initial state comes from its parameters"
            )
            raise InvalidConfigurationError(
                f"{obj}: set_state('{variable}', ...) acts between runs of a network that has "
                f"run; before the first run (or after reset()) {how}",
                object=obj,
            )
        unit = next(
            (i.unit for i in getattr(self.model, "state_info", ()) if i.name == variable), None
        )
        values = units.convert(obj, variable, values, unit or None)
        arr = _state_values(obj, variable, values, self.n)
        net._set_population_state(self, variable, arr)
        return self

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


def _state_values(obj: str, variable: str, values: Any, n: int) -> np.ndarray:
    """``values`` as ``n`` finite float64 values (a number is broadcast), with the engine's
    messages."""
    if isinstance(values, bool):
        raise ArgumentTypeError(f"{obj}: {variable} must be a number or an array, got bool")
    try:
        arr = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        raise ArgumentTypeError(
            f"{obj}: {variable} must be a number or an array of {n} numbers, got "
            f"{type_name(values)}"
        ) from None
    if arr.ndim == 0:
        arr = np.full(n, float(arr))
    if arr.ndim != 1 or arr.shape[0] != n:
        raise ShapeMismatchError(
            f"{obj}: {variable} has size {arr.size}, expected {n}",
            object=obj,
            field=variable,
            got=int(arr.size),
            expected=str(n),
        )
    bad = np.flatnonzero(~np.isfinite(arr))
    if bad.size:
        k = int(bad[0])
        v = "NaN" if np.isnan(arr[k]) else ("inf" if arr[k] > 0 else "-inf")
        raise OutOfRangeError(
            f"{obj}: {variable}[{k}] = {v} is out of range; valid range: any finite number",
            object=obj,
            field=f"{variable}[{k}]",
            value=v,
            range="any finite number",
        )
    return np.ascontiguousarray(arr)


class ParamsView(collections.abc.Mapping):
    """A population's parameters, read-only: item assignment raises and names
    :meth:`Population.set` (it used to change a copy that no run read)."""

    def __init__(self, pop: Population) -> None:
        self._pop = pop

    def __getitem__(self, name: str) -> Any:
        return self._pop._params[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._pop._params)

    def __len__(self) -> int:
        return len(self._pop._params)

    def __setitem__(self, name: str, value: Any) -> None:
        obj = f"Population '{self._pop.label}'"
        raise InvalidConfigurationError(
            f"{obj}: params is read-only; set {name} with pop.set({name}=...) (before the "
            "first run or after net.reset())",
            object=obj,
        )

    def __delitem__(self, name: str) -> None:
        self.__setitem__(name, None)

    def __repr__(self) -> str:
        return repr(self._pop._params)


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

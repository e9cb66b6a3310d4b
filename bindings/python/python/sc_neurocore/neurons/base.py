"""Neuron model classes: the protocol of user-defined models and the base of the
catalogue's classes.

User-defined models (run by ``backend="python"``)
=================================================

Subclass :class:`NeuronModel`, declare the parameters with their defaults, the state
variables and the membrane variable, and write one vectorised ``step`` over the whole
population::

    import numpy as np
    from sc_neurocore.neurons import NeuronModel

    class LeakyNeuron(NeuronModel):
        \"\"\"dv/dt = (-v + R I) / tau; spike and reset when v >= v_th.\"\"\"
        parameters = {"tau": 0.02, "r": 1.0, "v_th": 1.0, "v_reset": 0.0}
        state_variables = ("v",)
        membrane = "v"

        def init_state(self):
            self.v = np.zeros(self.n)

        def step(self, dt, jump, current):
            p = self.params
            self.v += dt * (-self.v + p["r"] * current) / p["tau"]
            self.v += jump
            spiking = self.v >= p["v_th"]
            self.v[spiking] = p["v_reset"]
            return spiking

    Population(LeakyNeuron, n=100, params={"tau": 0.01})

The protocol, exactly:

- ``parameters``: ``{name: default}``. ``Population(..., params=...)`` may override any of
  them with a number or an array of one value per neuron; ``self.params[name]`` is then a
  ``float`` or a float64 array of shape ``(n,)`` (NumPy broadcasting serves both). Unknown
  names, non-finite values and arrays of the wrong size are rejected when the population
  is created.
- ``state_variables``: the names of the state arrays. After :meth:`NeuronModel.init_state`
  each is an attribute holding a float64 array of shape ``(n,)``; ``StateMonitor`` records
  them.
- ``membrane``: the state variable that ``delta`` synapses jump (through ``jump``) and that
  ``conductance`` synapses read (``current = g (e_rev - v)``, ``g`` the conductance's mean
  over the step and ``v`` the membrane at its start).
- ``step(dt, jump, current)`` advances every neuron from ``t`` to ``t + dt`` and returns the
  neurons that spiked: a boolean mask of shape ``(n,)`` or ascending integer indices.
  ``dt`` is the network step **in seconds** (the API's unit, DESIGN.md §2); ``jump`` holds
  the delta-synapse and Poisson input due in this step (membrane units), to be added as an
  instantaneous jump; ``current`` the current held over the step (stimuli,
  exponential/alpha/conductance synapses) in the model's own current unit. Both are
  float64 arrays of shape ``(n,)`` that the engine owns: read them, do not keep them.
- The engine calls ``step`` once per population per step, in the order of DESIGN.md §2
  (inputs due now are read, then every population integrates, then monitors record, then
  spikes are routed), exactly as for catalogue models.

Catalogue models
================

The classes of :mod:`sc_neurocore.neurons.models` are generated from the Rust registry
(one module per model, e.g. ``sc_neurocore.neurons.models.hodgkin_huxley
.HodgkinHuxleyNeuron``). They follow the same protocol, with the step done by the compiled
kernel, so both backends run them; their units are the model's (ms and mV inside, see
each class's documentation).
"""

from __future__ import annotations

import math
import numbers
from collections import namedtuple
from typing import Any, ClassVar, Dict, Mapping, Optional, Tuple, Union

import numpy as np

from .. import _native
from .._util import check_int, type_name
from ..errors import (
    ArgumentTypeError,
    InvalidConfigurationError,
    OutOfRangeError,
    ShapeMismatchError,
    UnknownNameError,
)

ParamValue = Union[float, np.ndarray]

#: Metadata of one parameter of a catalogue model.
ParamInfo = namedtuple("ParamInfo", ["name", "unit", "default", "range", "doc"])
#: Metadata of one state variable of a catalogue model.
StateInfo = namedtuple("StateInfo", ["name", "unit", "doc"])


class NeuronModel:
    """Base class of neuron models; see the module documentation for the protocol.

    ``NeuronModel(n, params)`` creates the state of ``n`` neurons with ``params`` over the
    class's defaults and calls :meth:`init_state`.
    """

    #: ``{name: default}`` of every parameter.
    parameters: ClassVar[Mapping[str, float]] = {}
    #: Names of the state variables (attributes holding ``(n,)`` float64 arrays).
    state_variables: ClassVar[Tuple[str, ...]] = ()
    #: The state variable delta synapses jump and conductance synapses read.
    membrane: ClassVar[Optional[str]] = None

    def __init__(self, n: int, params: Optional[Mapping[str, Any]] = None) -> None:
        self.n = check_int(type(self).__name__, "n", n, 1)
        self.params: Dict[str, ParamValue] = type(self).check_params(
            f"Population of {type(self).__name__}", self.n, params or {}
        )
        self.init_state()

    @classmethod
    def model_name(cls) -> str:
        """The name populations of this model report (the class name for user models)."""
        return cls.__name__

    @classmethod
    def check_params(
        cls, obj: str, n: int, params: Mapping[str, Any]
    ) -> Dict[str, ParamValue]:
        """``params`` over the defaults, checked: known names, finite numbers, per-neuron
        arrays of length ``n``. Errors name ``obj``."""
        if not isinstance(params, Mapping):
            raise ArgumentTypeError(
                f"{obj}: params must be a dict {{name: value}}, got {type_name(params)}"
            )
        out: Dict[str, ParamValue] = {k: float(v) for k, v in cls.parameters.items()}
        for name, value in params.items():
            if name not in cls.parameters:
                known = ", ".join(cls.parameters) or "(none)"
                raise UnknownNameError(
                    f"{obj}: unknown parameter '{name}'; known: {known}",
                    object=obj,
                    what="parameter",
                    name=str(name),
                    known=known,
                )
            out[name] = _checked_value(obj, name, value, n)
        return out

    def init_state(self) -> None:
        """Creates the state arrays; the default sets every state variable to zeros."""
        for name in self.state_variables:
            setattr(self, name, np.zeros(self.n))

    def step(self, dt: float, jump: np.ndarray, current: np.ndarray) -> np.ndarray:
        """Advances every neuron by ``dt`` seconds; returns the neurons that spiked (boolean
        mask or ascending indices). Subclasses implement it."""
        raise NotImplementedError(
            f"{type(self).__name__}.step(dt, jump, current) is not implemented"
        )

    def get_state(self, name: str) -> np.ndarray:
        """A copy of state variable ``name``."""
        self._check_state_name(name)
        return np.array(getattr(self, name), dtype=np.float64, copy=True)

    def set_state(self, name: str, values: Any) -> None:
        """Sets state variable ``name`` (a number or an array of ``n`` values)."""
        self._check_state_name(name)
        arr = np.broadcast_to(np.asarray(values, dtype=np.float64), (self.n,)).copy()
        setattr(self, name, arr)

    def _check_state_name(self, name: str) -> None:
        if name not in self.state_variables:
            known = ", ".join(self.state_variables)
            raise UnknownNameError(
                f"{type(self).__name__}: unknown variable '{name}'; known: {known}",
                object=type(self).__name__,
                what="variable",
                name=name,
                known=known,
            )


def _checked_value(obj: str, name: str, value: Any, n: int) -> ParamValue:
    if isinstance(value, bool):
        raise ArgumentTypeError(f"{obj}: parameter '{name}' must be a number, got bool")
    if isinstance(value, numbers.Real):
        v = float(value)
        if not math.isfinite(v):
            raise OutOfRangeError(
                f"{obj}: {name} = {v} is out of range; valid range: any finite number",
                object=obj,
                field=name,
                value=str(v),
                range="any finite number",
            )
        return v
    try:
        arr = np.ascontiguousarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise ArgumentTypeError(
            f"{obj}: parameter '{name}' must be a number or an array of {n} numbers, got "
            f"{type_name(value)}"
        ) from None
    if arr.ndim == 0:
        return _checked_value(obj, name, float(arr), n)
    if arr.ndim != 1 or arr.shape[0] != n:
        raise ShapeMismatchError(
            f"{obj}: {name} has size {arr.size}, expected {n}",
            object=obj,
            field=name,
            got=int(arr.size),
            expected=str(n),
        )
    bad = np.flatnonzero(~np.isfinite(arr))
    if bad.size:
        k = int(bad[0])
        raise OutOfRangeError(
            f"{obj}: {name}[{k}] = {arr[k]} is out of range; valid range: any finite number",
            object=obj,
            field=f"{name}[{k}]",
            value=str(arr[k]),
            range="any finite number",
        )
    return arr


def native_params(params: Mapping[str, Any]) -> Dict[str, ParamValue]:
    """Parameters as the compiled module takes them: floats or float64 arrays."""
    out: Dict[str, ParamValue] = {}
    for k, v in params.items():
        if isinstance(v, np.ndarray):
            out[k] = np.ascontiguousarray(v, dtype=np.float64)
        else:
            out[k] = v
    return out


class CatalogueNeuron(NeuronModel):
    """Base of the classes generated from the Rust model registry.

    ``Model(n=1, params=None, *, seed=1, first_id=0, **more_params)`` holds the parameters of
    ``n`` neurons (checked by the engine: ranges, sizes, cross-parameter rules); its state is
    a compiled kernel built on the first :meth:`step` for that step's ``dt`` (a model that
    sub-steps fixes its sub-step then). ``seed`` and ``first_id`` key the streams of models
    with intrinsic noise, as in a network.
    """

    #: Registry key (module name).
    name: ClassVar[str] = ""
    #: Family (``integrate_and_fire``, ``biophysical``, ``simple``...).
    family: ClassVar[str] = ""
    #: The equations in one paragraph.
    summary: ClassVar[str] = ""
    #: Published source.
    citation: ClassVar[str] = ""
    #: Unit of the input current.
    input_unit: ClassVar[str] = ""
    #: Parameter metadata (name, unit, default, range, doc).
    parameter_info: ClassVar[Tuple[ParamInfo, ...]] = ()
    #: State variable metadata (name, unit, doc).
    state_info: ClassVar[Tuple[StateInfo, ...]] = ()
    #: Named parameter sets: ``{preset: {parameter: value}}``.
    presets: ClassVar[Mapping[str, Mapping[str, float]]] = {}
    #: A constant input (in ``input_unit``) well above rheobase, or None for models that no
    #: constant input makes fire.
    drive: ClassVar[Optional[float]] = None
    #: What a delta-synapse weight does when it is not a jump of the membrane variable.
    delta_input: ClassVar[Optional[str]] = None
    #: Whether the model draws random numbers (its output depends on the seed).
    stochastic: ClassVar[bool] = False
    #: Why the model fires without input, or None.
    spontaneous: ClassVar[Optional[str]] = None

    def __init__(
        self,
        n: int = 1,
        params: Optional[Mapping[str, Any]] = None,
        *,
        label: Optional[str] = None,
        seed: int = 1,
        first_id: int = 0,
        **more_params: Any,
    ) -> None:
        cls = type(self)
        self.n = check_int(cls.__name__, "n", n, 1)
        given = dict(params or {})
        for k, v in more_params.items():
            if k in given:
                raise InvalidConfigurationError(
                    f"{cls.__name__}: parameter '{k}' is given twice", object=cls.__name__
                )
            given[k] = v
        self.label = label or cls.name
        self.params = cls.check_params(f"Population '{self.label}'", self.n, given)
        self.seed = check_int(cls.__name__, "seed", seed, 0)
        self.first_id = check_int(cls.__name__, "first_id", first_id, 0)
        self._kernel: Optional[_native.Kernel] = None
        self._dt: Optional[float] = None

    @classmethod
    def model_name(cls) -> str:
        """The registry name."""
        return cls.name

    @classmethod
    def check_params(
        cls, obj: str, n: int, params: Mapping[str, Any]
    ) -> Dict[str, ParamValue]:
        """Checks ``params`` with the engine's rules; returns the given values (numbers or
        float64 arrays). ``obj`` is the population, e.g. ``"Population 'exc'"``."""
        if not isinstance(params, Mapping):
            raise ArgumentTypeError(
                f"{obj}: params must be a dict {{name: value}}, got {type_name(params)}"
            )
        out: Dict[str, ParamValue] = {}
        for k, v in params.items():
            if not isinstance(k, str):
                raise ArgumentTypeError(
                    f"{obj}: parameter names must be strings, got {type_name(k)}"
                )
            if isinstance(v, bool):
                raise ArgumentTypeError(f"{obj}: parameter '{k}' must be a number, got bool")
            if isinstance(v, numbers.Real):
                out[k] = float(v)
                continue
            try:
                arr = np.ascontiguousarray(v, dtype=np.float64)
            except (TypeError, ValueError):
                raise ArgumentTypeError(
                    f"{obj}: parameter '{k}' must be a number or an array of {n} numbers, "
                    f"got {type_name(v)}"
                ) from None
            if arr.ndim == 0:
                out[k] = float(arr)
            elif arr.ndim == 1:
                out[k] = arr
            else:
                raise ShapeMismatchError(
                    f"{obj}: {k} has {arr.ndim} dimensions, expected a number or one value "
                    "per neuron",
                    object=obj,
                    field=k,
                    got=int(arr.size),
                    expected=str(n),
                )
        label = obj[len("Population '") : -1] if obj.startswith("Population '") else obj
        _native.check_params(cls.name, label, n, out)
        return out

    @classmethod
    def preset(cls, name: str) -> Dict[str, float]:
        """The parameter values of preset ``name`` (e.g. Izhikevich's ``"chattering"``)."""
        if name not in cls.presets:
            known = ", ".join(cls.presets) or "(none)"
            raise UnknownNameError(
                f"{cls.__name__}: unknown preset '{name}'; known: {known}",
                object=cls.__name__,
                what="preset",
                name=name,
                known=known,
            )
        return dict(cls.presets[name])

    def kernel(self, dt: float) -> "_native.Kernel":
        """The compiled kernel for step ``dt`` seconds (built on first use)."""
        if self._kernel is None:
            self._kernel = _native.Kernel(
                type(self).name,
                self.label,
                self.n,
                native_params(self.params),
                float(dt),
                self.seed,
                self.first_id,
            )
            self._dt = float(dt)
        elif self._dt != float(dt):
            raise InvalidConfigurationError(
                f"{type(self).__name__}: the kernel was built for dt = {self._dt} s and is "
                f"stepped with dt = {dt} s; create a new instance for another dt",
                object=type(self).__name__,
            )
        return self._kernel

    def step(
        self,
        dt: float,
        jump: Optional[np.ndarray] = None,
        current: Optional[np.ndarray] = None,
    ) -> np.ndarray:
        """Advances every neuron by ``dt`` seconds with delta jumps ``jump`` and the held
        current ``current`` (float64 arrays of length n; zeros when omitted). Returns the
        indices that spiked, ascending."""
        k = self.kernel(dt)
        zeros = np.zeros(self.n)
        j = zeros if jump is None else np.ascontiguousarray(jump, dtype=np.float64)
        c = zeros if current is None else np.ascontiguousarray(current, dtype=np.float64)
        return k.step(j, c).astype(np.int64)

    def init_state(self) -> None:
        """Catalogue models start from the state their parameters give (e.g. ``v_init``)."""

    def get_state(self, name: str) -> np.ndarray:
        """A copy of state variable ``name`` (the initial state before the first step)."""
        self._check_state_name(name)
        if self._kernel is None:
            return _native.Kernel(
                type(self).name,
                self.label,
                self.n,
                native_params(self.params),
                1e-4,
                self.seed,
                self.first_id,
            ).get(name)
        return self._kernel.get(name)

    def set_state(self, name: str, values: Any) -> None:
        """Sets state variable ``name`` (after the first step; before it, use the model's
        initial-value parameters such as ``v_init``)."""
        self._check_state_name(name)
        if self._kernel is None:
            raise InvalidConfigurationError(
                f"{type(self).__name__}: the state exists once the kernel is built (first "
                "step); set initial values through parameters such as v_init",
                object=type(self).__name__,
            )
        arr = np.broadcast_to(np.asarray(values, dtype=np.float64), (self.n,)).copy()
        self._kernel.set(name, arr)

    def __getattr__(self, name: str) -> Any:
        # State variables read as attributes (``neuron.v``), as for user models.
        if name in type(self).state_variables:
            return self.get_state(name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def __repr__(self) -> str:
        return f"{type(self).__name__}(n={self.n})"


def catalogue_docstring(info: Mapping[str, Any]) -> str:
    """The documentation of a generated class: the numpydoc text the registry renders (the
    same text as the class's generated ``.pyi`` stub)."""
    return str(info["docstring"])


def make_catalogue_class(info: Mapping[str, Any], module: str) -> type:
    """Creates the class of one registry entry (see :class:`CatalogueNeuron`)."""
    attrs = {
        "__doc__": catalogue_docstring(info),
        "__module__": module,
        "__qualname__": info["class_name"],
        "name": info["name"],
        "family": info["family"],
        "summary": info["summary"],
        "citation": info["citation"],
        "input_unit": info["input_unit"],
        "parameters": {p["name"]: float(p["default"]) for p in info["params"]},
        "parameter_info": tuple(
            ParamInfo(p["name"], p["unit"], float(p["default"]), p["range"], p["doc"])
            for p in info["params"]
        ),
        "state_variables": tuple(s["name"] for s in info["state"]),
        "state_info": tuple(StateInfo(s["name"], s["unit"], s["doc"]) for s in info["state"]),
        "membrane": info["membrane"],
        "presets": {pr["name"]: dict(pr["values"]) for pr in info["presets"]},
        "drive": info["drive"],
        "delta_input": info["delta_input"],
        "stochastic": info["stochastic"],
        "spontaneous": info["spontaneous"],
    }
    return type(info["class_name"], (CatalogueNeuron,), attrs)

"""Ready network configurations: one function per network of the engine's zoo
(``sc-neurocore zoo``), ``configs.NAME(**params, seed=1, record=True)``, plus
:func:`brunel_balanced_network` (Brunel's network sized by its populations).

Each network is defined once, in the Rust zoo (``crates/zoo``): ``sc-neurocore run --zoo
NAME``, Rust's ``sc_neurocore_zoo::lookup(NAME)`` and these functions all build it from
there. A function here asks the engine to build the network with the given parameters and
seed, then rebuilds the description it gets back (populations with their model and
per-neuron parameters, projections with connectivity, weights, delays, synapse kind and
plasticity, stimuli, initial synaptic states) out of this package's objects, so the result
is an ordinary :class:`~sc_neurocore.network.network.Network`: inspect it, add monitors or
projections, run it on any backend; unchanged, it gives the spikes the command line gives
for the same seed.

The functions, their keyword arguments (the zoo's parameter names, defaults and types) and
their docstrings (units, valid ranges, what the network reproduces) are made from the zoo's
metadata when this module is imported; their stub (``configs.pyi``) is generated from the
same metadata by ``cargo xtask codegen``. A network added to the zoo appears here with no
Python code.

Units: parameters are in the units the zoo declares (ms, mV, pA, nS, Hz), as
``--set KEY=VALUE`` takes them; only the network's own times (projection delays, ``run``'s
``duration`` and ``dt``) are seconds. ``delay=1.5`` is 1.5 ms; a nonzero value below
0.01 ms for a parameter in ms is refused as seconds given by mistake.
"""

from __future__ import annotations

import inspect
import numbers
from typing import Any, Callable, Dict, List, Mapping, Sequence

from .. import _native
from .._util import check_int, type_name
from ..errors import ArgumentTypeError, UnknownNameError
from ..network._from_native import network_from_native
from ..network.network import Network

#: The engine's zoo entries by name (metadata: ``zoo_networks()``).
_ENTRIES: Dict[str, Dict[str, Any]] = {z["name"]: z for z in _native.zoo_entries()}
#: The generated docstrings (``sc_neurocore_zoo::docs``, the stub's text too).
_DOCS: Dict[str, str] = dict(_native.zoo_python_docs())
#: ``brunel`` parameters ``brunel_balanced_network`` does not take as keywords.
_BALANCED_SKIPS = ("order", "n_exc", "n_inh")


def zoo_networks() -> List[Dict[str, Any]]:
    """The engine's zoo networks: dicts ``name, summary, params (name, unit, default, range,
    doc, whole), default_run, small, reproduces`` (see ``sc-neurocore zoo``)."""
    return list(_native.zoo_entries())


#: Defaults of Brunel's network from the engine's zoo (in its units: ``delay`` in ms;
#: ``n_exc`` / ``n_inh`` 0 mean ``4·order`` / ``order``).
BRUNEL_DEFAULTS: Dict[str, float] = {
    p["name"]: float(p["default"]) for p in _ENTRIES["brunel"]["params"]
}


def _settings(
    fname: str, entry: Mapping[str, Any], given: Mapping[str, Any], skip: Sequence[str] = ()
) -> Dict[str, float]:
    """``given`` checked against ``entry``'s parameter names (less ``skip``) and types; the
    engine checks the values (ranges, whole numbers, units)."""
    obj = f"configs.{fname}"
    names = [p["name"] for p in entry["params"] if p["name"] not in skip]
    out: Dict[str, float] = {}
    for k, v in given.items():
        if k not in names:
            known = ", ".join(names + ["seed", "record"])
            raise UnknownNameError(
                f"{obj}: unknown parameter '{k}'; known: {known}",
                object=obj,
                what="parameter",
                name=str(k),
                known=known,
            )
        if isinstance(v, bool) or not isinstance(v, numbers.Real):
            raise ArgumentTypeError(f"{obj}: {k} must be a number, got {type_name(v)} {v!r}")
        out[k] = float(v)
    return out


def _build(fname: str, name: str, settings: Dict[str, float], seed: Any, record: Any) -> Network:
    seed = check_int(f"configs.{fname}", "seed", seed, 0)
    if not isinstance(record, bool):
        raise ArgumentTypeError(
            f"configs.{fname}: record must be True or False, got {type_name(record)} {record!r}"
        )
    return network_from_native(_native.zoo_network(name, settings, seed), record=record)


def _parameter(p: Mapping[str, Any], kind=inspect.Parameter.KEYWORD_ONLY) -> inspect.Parameter:
    typ = int if p["whole"] else float
    return inspect.Parameter(p["name"], kind, default=typ(p["default"]), annotation=typ)


_COMMON = [
    inspect.Parameter("seed", inspect.Parameter.KEYWORD_ONLY, default=1, annotation=int),
    inspect.Parameter("record", inspect.Parameter.KEYWORD_ONLY, default=True, annotation=bool),
]


def _make(entry: Mapping[str, Any]) -> Callable[..., Network]:
    """``configs.NAME`` for one zoo entry."""
    name = entry["name"]

    def config(*, seed: int = 1, record: bool = True, **params: Any) -> Network:
        return _build(name, name, _settings(name, entry, params), seed, record)

    config.__name__ = config.__qualname__ = name
    config.__module__ = __name__
    config.__doc__ = _DOCS[name]
    config.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [_parameter(p) for p in entry["params"]] + _COMMON, return_annotation=Network
    )
    return config


def brunel_balanced_network(
    n_exc: int = 4 * int(BRUNEL_DEFAULTS["order"]),
    n_inh: int = int(BRUNEL_DEFAULTS["order"]),
    *,
    seed: int = 1,
    record: bool = True,
    **params: Any,
) -> Network:
    # The docstring and the keyword list are the zoo's (set below).
    o = "brunel_balanced_network"
    n_exc = check_int(f"configs.{o}", "n_exc", n_exc, 1)
    n_inh = check_int(f"configs.{o}", "n_inh", n_inh, 1)
    settings = _settings(o, _ENTRIES["brunel"], params, skip=_BALANCED_SKIPS)
    settings.update(n_exc=float(n_exc), n_inh=float(n_inh))
    return _build(o, "brunel", settings, seed, record)


brunel_balanced_network.__doc__ = _DOCS["brunel_balanced_network"]
brunel_balanced_network.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
    [
        inspect.Parameter(
            "n_exc", inspect.Parameter.POSITIONAL_OR_KEYWORD, default=4 * int(BRUNEL_DEFAULTS["order"]), annotation=int
        ),
        inspect.Parameter(
            "n_inh", inspect.Parameter.POSITIONAL_OR_KEYWORD, default=int(BRUNEL_DEFAULTS["order"]), annotation=int
        ),
    ]
    + [_parameter(p) for p in _ENTRIES["brunel"]["params"] if p["name"] not in _BALANCED_SKIPS]
    + _COMMON,
    return_annotation=Network,
)

__all__ = ["brunel_balanced_network", "zoo_networks", "BRUNEL_DEFAULTS"]

for _name, _entry in _ENTRIES.items():
    if _name in globals():
        raise ImportError(  # pragma: no cover - crates/zoo/tests/entries.rs checks the names
            f"sc_neurocore.model_zoo.configs: zoo network '{_name}' would replace the module's "
            f"own {_name!r}"
        )
    globals()[_name] = _make(_entry)
    __all__.append(_name)
del _name, _entry

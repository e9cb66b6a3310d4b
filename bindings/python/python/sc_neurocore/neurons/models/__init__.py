"""The model catalogue: one module per registered model, created from the Rust registry when
this package is imported (``sc_neurocore.neurons.models.<name>.<ClassName>``), e.g.::

    from sc_neurocore.neurons.models.hodgkin_huxley import HodgkinHuxleyNeuron
    from sc_neurocore.neurons.models.lif import LIFNeuron

Nothing here is written by hand: adding a model to the registry adds its module and class
(with its parameters, defaults, ranges, units and documentation). The ``.pyi`` stubs beside
this file are generated from the same metadata (``cargo xtask codegen``) so
that type checkers and IDEs see the classes too; a test keeps them in sync.
"""

from __future__ import annotations

import sys
import types
from typing import Dict, List

from ... import _native
from ..base import CatalogueNeuron, make_catalogue_class

__all__: List[str] = []

#: ``{registry name: class}`` in registry order.
CLASSES: Dict[str, type] = {}


def _build() -> None:
    for info in _native.models():
        name = info["name"]
        modname = f"{__name__}.{name}"
        mod = types.ModuleType(
            modname,
            f"{info['class_name']}: {info['summary']}\n\nGenerated from the model registry.",
        )
        cls = make_catalogue_class(info, modname)
        setattr(mod, info["class_name"], cls)
        mod.__all__ = [info["class_name"]]
        sys.modules[modname] = mod
        globals()[name] = mod
        __all__.append(name)
        CLASSES[name] = cls


_build()


def lookup(name: str) -> type:
    """The catalogue class for a registry name (``"hodgkin_huxley"``) or a class name
    (``"HodgkinHuxleyNeuron"``)."""
    for key, cls in CLASSES.items():
        if name == key or name == cls.__name__:
            return cls
    # The engine's look-up raises the error (closest names first), so that every front end
    # words it the same way.
    _native.check_params(name, "p", 1)
    raise AssertionError(f"the engine knows '{name}' but the catalogue classes do not")


__all__ += ["CLASSES", "lookup", "CatalogueNeuron"]

"""The package as shipped: module layout, docstrings on every public name, type stubs and
py.typed, the stubs of the generated model modules in sync with the registry."""

import importlib
import inspect
import subprocess
import sys
from pathlib import Path

import pytest

import sc_neurocore

PKG = Path(sc_neurocore.__file__).parent
MODULES = [
    "sc_neurocore",
    "sc_neurocore.errors",
    "sc_neurocore.neurons",
    "sc_neurocore.neurons.base",
    "sc_neurocore.neurons.models",
    "sc_neurocore.network",
    "sc_neurocore.network.population",
    "sc_neurocore.network.projection",
    "sc_neurocore.network.network",
    "sc_neurocore.network.monitor",
    "sc_neurocore.network.stimulus",
    "sc_neurocore.network.topology",
    "sc_neurocore.network.plasticity",
    "sc_neurocore.model_zoo",
    "sc_neurocore.model_zoo.configs",
    "sc_neurocore.model_zoo.pretrained",
    "sc_neurocore.model_zoo.mnist",
    "sc_neurocore.model_zoo.mnist_train",
    "sc_neurocore.analysis",
    "sc_neurocore.plotting",
]


@pytest.mark.parametrize("name", MODULES)
def test_public_names_have_docstrings(name):
    mod = importlib.import_module(name)
    assert mod.__doc__ and mod.__doc__.strip(), name
    for attr in getattr(mod, "__all__", []):
        obj = getattr(mod, attr)
        if inspect.isclass(obj) or inspect.isfunction(obj):
            assert obj.__doc__ and obj.__doc__.strip(), f"{name}.{attr}"
            if inspect.isclass(obj):
                for m, f in vars(obj).items():
                    if not m.startswith("_") and (inspect.isfunction(f) or isinstance(f, property)):
                        assert f.__doc__, f"{name}.{attr}.{m}"


def test_stubs_and_py_typed_ship():
    assert (PKG / "py.typed").is_file()
    assert (PKG / "_native.pyi").is_file()
    for m in sc_neurocore.neurons.catalogue():
        assert (PKG / "neurons" / "models" / f"{m}.pyi").is_file()


def test_native_stub_lists_every_native_name():
    stub = (PKG / "_native.pyi").read_text()
    for name in dir(sc_neurocore._native):
        if not name.startswith("_"):
            assert f"def {name}(" in stub or f"class {name}" in stub or f"\n{name}: " in stub, name


def test_model_stubs_match_the_runtime_classes():
    """Each generated stub (``cargo xtask codegen``) has the runtime class's docstring and
    its parameters and state variables, so type checkers see what runs."""
    import ast
    import inspect

    from sc_neurocore.neurons.models import CLASSES

    for name, cls in CLASSES.items():
        tree = ast.parse((PKG / "neurons" / "models" / f"{name}.pyi").read_text())
        (node,) = [n for n in tree.body if isinstance(n, ast.ClassDef)]
        assert node.name == cls.__name__
        assert ast.get_docstring(node) == inspect.cleandoc(cls.__doc__), name
        init = next(n for n in node.body if isinstance(n, ast.FunctionDef) and n.name == "__init__")
        kw = [a.arg for a in init.args.kwonlyargs]
        assert kw[3:] == list(cls.parameters), name
        fields = [n.target.id for n in node.body if isinstance(n, ast.AnnAssign)]
        assert fields[4:] == list(cls.state_variables), name


def test_analysis_exposes_the_catalogue():
    """The generated module (``cargo xtask codegen``, from crates/analysis/src/catalogue) has
    one function per declared entry, in the catalogue's order, and the compiled submodule
    registers exactly those functions."""
    import sc_neurocore.analysis as a

    native = sc_neurocore._native.analysis
    registered = {n for n in dir(native) if not n.startswith("_") and callable(getattr(native, n))}
    assert len(a.__all__) == 127 and a.__all__ == list(native.NAMES)
    assert registered == set(a.__all__)
    assert (PKG / "analysis" / "__init__.pyi").is_file()

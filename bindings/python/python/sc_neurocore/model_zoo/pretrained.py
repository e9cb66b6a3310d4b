"""Pretrained networks: spiking networks whose weights were learnt from the engine's own
simulation and ship inside the package.

- ``"mnist"``: a spiking MNIST classifier (:class:`~sc_neurocore.model_zoo.mnist.
  MnistClassifier`, a :class:`~sc_neurocore.network.network.Network`); ``net.classify(images)``
  runs it on the engine and returns the digits. It is the zoo's network ``mnist_classifier``
  (``sc-neurocore run --zoo mnist_classifier``, ``configs.mnist_classifier``), declared once
  in Rust with its trained readout. Method, training (``cargo xtask train mnist``) and
  accuracy: docs/mnist.md.
"""

from __future__ import annotations

from typing import Callable, Dict, List

from .._util import check_str
from ..errors import UnknownNameError
from ..network.network import Network

__all__ = ["available", "load_pretrained"]


def _mnist() -> Network:
    from . import mnist

    return mnist.load()


#: name -> loader. One entry per pretrained network.
_LOADERS: Dict[str, Callable[[], Network]] = {"mnist": _mnist}


def available() -> List[str]:
    """Names of the pretrained networks this build ships."""
    return sorted(_LOADERS)


def load_pretrained(name: str) -> Network:
    """The pretrained network ``name`` (one of :func:`available`), ready to run.

    Examples
    --------
    >>> net = load_pretrained("mnist")           # doctest: +SKIP
    >>> net.classify(images)                     # images: (n, 784) in [0, 1]  # doctest: +SKIP
    array([7, 2, 1, ...])
    """
    name = check_str("load_pretrained", "name", name)
    loader = _LOADERS.get(name)
    if loader is None:
        known = ", ".join(available())
        raise UnknownNameError(
            f"load_pretrained: unknown pretrained network '{name}'; available: {known}",
            object="load_pretrained",
            what="pretrained network",
            name=name,
            known=known,
        )
    return loader()

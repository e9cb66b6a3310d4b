"""Pretrained networks (weights learnt by the engine itself, e.g. the MNIST classifier of the
zoo issue).

None exists yet: the networks and their training land with the model-zoo issue. Until
then :func:`load_pretrained` raises :class:`~sc_neurocore.errors.PretrainedUnavailableError`
(a ``NotImplementedError``) that says so, and :func:`available` returns an empty list.
"""

from __future__ import annotations

from typing import List

from .._util import check_str
from ..errors import PretrainedUnavailableError

__all__ = ["available", "load_pretrained"]


def available() -> List[str]:
    """Names of the pretrained networks this build ships (none yet)."""
    return []


def load_pretrained(name: str):
    """The pretrained network ``name`` as a ready :class:`Network`.

    Raises :class:`~sc_neurocore.errors.PretrainedUnavailableError` for every name in this
    build: no pretrained network exists yet (they come with the model-zoo issue). The
    configurations of :mod:`sc_neurocore.model_zoo.configs` (e.g.
    ``brunel_balanced_network``) build untrained networks now.
    """
    name = check_str("load_pretrained", "name", name)
    have = available()
    raise PretrainedUnavailableError(
        f"load_pretrained: no pretrained network '{name}' in this build of sc_neurocore "
        f"(available: {', '.join(have) if have else 'none yet'}); pretrained networks such as "
        "the MNIST classifier come with the model-zoo issue. Untrained configurations are in "
        "sc_neurocore.model_zoo.configs (e.g. brunel_balanced_network).",
        object="load_pretrained",
        name=name,
    )

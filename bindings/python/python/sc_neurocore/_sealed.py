"""Objects whose attributes cannot be assigned by mistake.

``exc.v = -50`` on a population, ``proj.weight = 2`` on a built projection or ``net.dt =
1e-3`` used to be accepted and to change nothing (or to bypass every check). A
:class:`Sealed` object fixes its public attributes when its constructor returns: assigning
one of them, or a new one, raises :class:`~sc_neurocore.errors.AttributeAssignmentError`
with the call that does what was meant (the class's :meth:`Sealed._assignment_hint`).
Properties with a setter (``net.seed``, ``pop.params``) keep working; names starting with
``_`` are the implementation's.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator, Optional

from .errors import AttributeAssignmentError


class _SealedMeta(type):
    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        obj = super().__call__(*args, **kwargs)
        # Sealed once the outermost constructor (subclasses included) has returned.
        object.__setattr__(obj, "_sealed", True)
        return obj


class Sealed(metaclass=_SealedMeta):
    """Base of the objects users build (populations, projections, networks, stimuli)."""

    _sealed = False

    def __setattr__(self, name: str, value: Any) -> None:
        if not self._sealed or name.startswith("_"):
            object.__setattr__(self, name, value)
            return
        descriptor = getattr(type(self), name, None)
        if hasattr(descriptor, "__set__") and getattr(descriptor, "fset", True) is not None:
            object.__setattr__(self, name, value)
            return
        obj = self._object_name()
        hint = self._assignment_hint(name)
        if name in self.__dict__:
            message = f"{obj}: {name} is fixed when the object is made; {hint}"
        elif descriptor is not None:
            message = f"{obj}: {name} is read-only; {hint}"
        else:
            message = f"{obj} has no attribute '{name}' to assign; {hint}"
        raise AttributeAssignmentError(message, object=obj, field=name)

    @contextmanager
    def _editing(self) -> Iterator[None]:
        """The implementation re-setting its own public attributes (a property setter that
        validates the new value the way the constructor did, e.g. ``proj.weights = ...``)."""
        was = self._sealed
        object.__setattr__(self, "_sealed", False)
        try:
            yield
        finally:
            object.__setattr__(self, "_sealed", was)

    def _update(self, **attributes: Any) -> None:
        """Sets public attributes from the implementation (e.g. a projection whose weights
        became a CSR)."""
        for name, value in attributes.items():
            object.__setattr__(self, name, value)

    def _object_name(self) -> str:
        label = self.__dict__.get("label")
        return f"{type(self).__name__} '{label}'" if label else type(self).__name__

    def _assignment_hint(self, name: str) -> Optional[str]:
        """What to do instead of assigning ``name`` (subclasses say more)."""
        return "nothing reads an attribute set after construction: create a new object"

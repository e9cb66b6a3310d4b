"""The exceptions sc_neurocore raises.

Every error of the Rust engine maps to one class here, with the engine's message (which
names the object, the field, the value and the valid range) and the same facts as
attributes. Each class also derives from the built-in exception that fits, so that code
catching ``ValueError`` or ``TypeError`` keeps working::

    SCNeuroCoreError
    ├── OutOfRangeError          (ValueError)   a value outside its valid range, NaN, inf
    ├── UnknownNameError         (ValueError)   unknown model, parameter, variable, topology...
    ├── ShapeMismatchError       (ValueError)   an array or size that does not fit
    ├── InvalidConfigurationError (ValueError)  options that cannot be combined
    ├── ArgumentTypeError        (TypeError)    an argument of the wrong Python type
    ├── SimulationIOError        (OSError)      files the engine was asked to read or write
    └── NotAvailableError        (NotImplementedError)
        ├── BackendUnavailableError   a backend this build cannot run (e.g. "mpi")
        └── PretrainedUnavailableError a pretrained network whose weights are missing or do not fit

Nothing crosses from Rust as a panic: the engine validates every input first.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "SCNeuroCoreError",
    "OutOfRangeError",
    "UnknownNameError",
    "ShapeMismatchError",
    "InvalidConfigurationError",
    "ArgumentTypeError",
    "SimulationIOError",
    "NotAvailableError",
    "BackendUnavailableError",
    "PretrainedUnavailableError",
]


class SCNeuroCoreError(Exception):
    """Base class of every sc_neurocore error.

    ``str(e)`` is the full message; the facts it mentions are attributes (``object`` = what
    the user built, e.g. ``"Population 'exc' (lif)"``, and, depending on the kind,
    ``field``, ``value``, ``range``, ``name``, ``known``, ``got``, ``expected``, ``path``).
    """

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details
        for key, value in details.items():
            setattr(self, key, value)

    def __reduce__(self):  # keeps the details through pickling (multiprocessing)
        return (_rebuild, (type(self), self.message, self.details))


def _rebuild(cls, message, details):
    return cls(message, **details)


class OutOfRangeError(SCNeuroCoreError, ValueError):
    """A value outside its valid range (NaN and infinities included).

    Attributes: ``object``, ``field``, ``value``, ``range``.
    """


class UnknownNameError(SCNeuroCoreError, ValueError):
    """A name that is not known: model, parameter, state variable, topology, keyword, zoo
    network, backend...

    Attributes: ``object``, ``what`` (e.g. ``"parameter"``), ``name``, ``known`` (the
    accepted names, comma separated).
    """


class ShapeMismatchError(SCNeuroCoreError, ValueError):
    """An array or size that does not fit (e.g. a stimulus of 80 channels on 20 neurons).

    Attributes: ``object``, ``field``, ``got``, ``expected``.
    """


class InvalidConfigurationError(SCNeuroCoreError, ValueError):
    """Options that cannot be combined, or a request the current state does not allow
    (e.g. adding to a network after it ran). Attribute: ``object``."""


class ArgumentTypeError(SCNeuroCoreError, TypeError):
    """An argument of the wrong Python type (a string where a population is expected...)."""


class SimulationIOError(SCNeuroCoreError, OSError):
    """A file the engine was asked to read or write could not be. Attribute: ``path``."""


class NotAvailableError(SCNeuroCoreError, NotImplementedError):
    """Something this build of sc_neurocore does not provide yet."""


class BackendUnavailableError(NotAvailableError):
    """A backend this build cannot run (``backend="mpi"`` until the MPI backend lands)."""


class PretrainedUnavailableError(NotAvailableError):
    """A pretrained network whose weights are missing from this build, or were trained for
    another definition or another engine's random streams (retrain with ``cargo xtask train
    <name>``; see ``model_zoo.pretrained``). An unknown name is an :class:`UnknownNameError`."""

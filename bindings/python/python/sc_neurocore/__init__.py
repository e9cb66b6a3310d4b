"""sc_neurocore: a spiking neural network simulation engine with a Rust core.

Build networks of :class:`~sc_neurocore.network.population.Population` objects joined by
:class:`~sc_neurocore.network.projection.Projection` objects, drive them with stimuli
(:mod:`sc_neurocore.network.stimulus`), record with monitors
(:mod:`sc_neurocore.network.monitor`) and run them with
:class:`~sc_neurocore.network.network.Network` on the Rust engine (all cores) or the
Python reference loop. See the tutorial in the repository's ``docs/``.
"""

import os as _os
import sys as _sys

# A build with the MPI backend links the MPI library, whose plugins (Open MPI's components)
# resolve symbols of the library globally: load the compiled module with RTLD_GLOBAL, as
# mpi4py does. It changes nothing for a build without MPI.
if hasattr(_sys, "getdlopenflags"):
    _flags = _sys.getdlopenflags()
    try:
        _sys.setdlopenflags(_flags | _os.RTLD_GLOBAL)
        from . import _native
    finally:
        _sys.setdlopenflags(_flags)
else:  # pragma: no cover - not POSIX
    from . import _native
from .errors import SCNeuroCoreError

__version__: str = _native.__version__

__all__ = ["__version__", "SCNeuroCoreError"]

"""The network: the container that runs populations, projections, stimuli and monitors."""

from __future__ import annotations

from typing import Any, Dict, Iterable, List, Optional, Tuple

import numpy as np

from .. import _native
from .._util import check_float, check_int, check_str, same_float, type_name
from ..errors import (
    ArgumentTypeError,
    BackendUnavailableError,
    InvalidConfigurationError,
    UnknownNameError,
)
from ._engines import ENGINES
from ._progress import progress_bar
from .monitor import Monitor
from .population import Population
from .projection import Projection, synapse_options
from .stimulus import PoissonInput, Stimulus
from .topology import CSR

__all__ = ["Network", "BACKENDS"]

#: The names ``Network.run(backend=...)`` accepts.
BACKENDS = ("auto", "python", "rust", "mpi")

#: Default step when ``run`` is given none (and no earlier run fixed one), seconds.
DEFAULT_DT = 1e-4


class Network:
    """Populations, projections, stimuli and monitors run together.

    ``Network(*objects, seed=1)`` adds the objects in order (see :meth:`add`). The seed keys
    every random stream (connectivity, Poisson input, noise): for one seed the result is
    the same on every backend, for any number of threads.

    Examples
    --------
    >>> net = Network(exc, inh, exc_to_exc, drive, mon_exc)    # doctest: +SKIP
    >>> net.run(duration=0.5, dt=0.001)                         # doctest: +SKIP
    >>> net.last_backend                                        # doctest: +SKIP
    'rust'
    """

    def __init__(self, *objects: Any, seed: int = 1) -> None:
        self._populations: List[Population] = []
        self._projections: List[Projection] = []
        self._stimuli: List[Stimulus] = []
        self._monitors: List[Monitor] = []
        self._seed = check_int("Network", "seed", seed, 0)
        self._engine = None
        self._dt: Optional[float] = None
        self._steps = 0
        self._weight_log: List[Tuple[int, int, np.ndarray]] = []
        # (population, synapse, options given, values) of set_initial_synaptic_state.
        self._initial_synaptic: List[Tuple[Population, str, Dict[str, float], Any]] = []
        #: The backend of the last run (``"rust"`` or ``"python"``), None before any.
        self.last_backend: Optional[str] = None
        self.add(*objects)

    # -- building ----------------------------------------------------------------------

    def add(self, *objects: Any) -> "Network":
        """Adds populations, projections, stimuli and monitors (or lists of them).

        Populations are numbered in the order they are added (the first one is the
        default target of stimuli). Objects may be added in any order; their references to
        each other are checked when the network runs. Adding to a network that has run
        needs :meth:`reset` first.
        """
        if self._engine is not None or self._steps:
            raise InvalidConfigurationError(
                f"Network: it has run (t = {self.t} s); call reset() before adding objects",
                object="Network",
            )
        for obj in _flatten(objects):
            if isinstance(obj, Population):
                bucket: list = self._populations
            elif isinstance(obj, Projection):
                bucket = self._projections
            elif isinstance(obj, Stimulus):
                bucket = self._stimuli
            elif isinstance(obj, Monitor):
                bucket = self._monitors
            else:
                raise ArgumentTypeError(
                    "Network.add: expected a Population, Projection, stimulus or monitor, got "
                    f"{type_name(obj)} {obj!r}"
                )
            if obj._network is self:
                raise InvalidConfigurationError(
                    f"Network.add: {obj!r} is already in this network", object="Network"
                )
            if obj._network is not None:
                raise InvalidConfigurationError(
                    f"Network.add: {obj!r} already belongs to another network",
                    object="Network",
                )
            if isinstance(obj, Population) and any(p.label == obj.label for p in self._populations):
                raise InvalidConfigurationError(
                    f"Population '{obj.label}': label '{obj.label}' is already used",
                    object=f"Population '{obj.label}'",
                )
            obj._network = self
            bucket.append(obj)
        return self

    def remove(self, *objects: Any) -> "Network":
        """Takes populations, projections, stimuli and monitors (or lists of them) out of the
        network, the counterpart of :meth:`add` (e.g. to replace a stimulus); they may then
        be added to a network again. Like adding, removing from a network that has run
        needs :meth:`reset` first. References to a removed object are checked when the
        network runs, as for added ones.
        """
        if self._engine is not None or self._steps:
            raise InvalidConfigurationError(
                f"Network: it has run (t = {self.t} s); call reset() before removing objects",
                object="Network",
            )
        for obj in _flatten(objects):
            buckets = (self._populations, self._projections, self._stimuli, self._monitors)
            bucket = next((b for b in buckets if any(o is obj for o in b)), None)
            if bucket is None:
                raise InvalidConfigurationError(
                    f"Network.remove: {obj!r} is not in this network", object="Network"
                )
            bucket[:] = [o for o in bucket if o is not obj]
            obj._network = None
        return self

    def set_initial_synaptic_state(
        self,
        population: Population,
        synapse: str,
        values: Any,
        *,
        tau_syn: Optional[float] = None,
        e_rev: Optional[float] = None,
        tau_rise: Optional[float] = None,
        tau_decay: Optional[float] = None,
        alpha: Optional[float] = None,
        mg: Optional[float] = None,
    ) -> "Network":
        """Sets the state at t = 0 of the synapses of one kind onto ``population`` (Brian2's
        ``group.ge = ...``, NEST's initial ``g_ex``): the conductance (nS) of
        ``synapse="conductance"`` with ``tau_syn`` and ``e_rev`` (or of ``"nmda"`` with its
        options, before the Mg2+ block), or the current (pA) of ``"exponential"`` /
        ``"alpha"`` with ``tau_syn``, one value per neuron or one for all. It acts from the
        first step on, on every backend. The population must receive synapses of that kind
        (a projection or a Poisson input) when the network runs.

        Examples
        --------
        >>> net.set_initial_synaptic_state(exc, "conductance", ge0, tau_syn=5e-3, e_rev=0.0)  # doctest: +SKIP
        """
        if self._engine is not None or self._steps:
            raise InvalidConfigurationError(
                f"Network: it has run (t = {self.t} s); call reset() before setting initial "
                "synaptic states",
                object="Network",
            )
        if not isinstance(population, Population):
            raise ArgumentTypeError(
                "Network.set_initial_synaptic_state: population must be a Population, got "
                f"{type_name(population)} {population!r}"
            )
        if population._network is not self:
            raise InvalidConfigurationError(
                f"Population '{population.label}': it is not in this network; add it with "
                "Network.add first",
                object=f"Population '{population.label}'",
            )
        obj = f"Initial synaptic state of '{population.label}'"
        options = synapse_options(
            obj, tau_syn=tau_syn, e_rev=e_rev, tau_rise=tau_rise, tau_decay=tau_decay, alpha=alpha, mg=mg
        )
        synapse = _native.check_synapse(obj, check_str(obj, "synapse", synapse), **options)
        # The engine's checks, on a description holding just this population.
        probe = _native.NetworkSpec(0)
        probe.add_population(population.label, "lif", population.n)
        probe.set_initial_synaptic_state(0, synapse, values, **options)
        self._initial_synaptic = [
            e
            for e in self._initial_synaptic
            if not (e[0] is population and _same_kind(e, synapse, options))
        ]
        self._initial_synaptic.append((population, synapse, options, values))
        return self

    @property
    def populations(self) -> Tuple[Population, ...]:
        """Populations, in the order added."""
        return tuple(self._populations)

    @property
    def projections(self) -> Tuple[Projection, ...]:
        """Projections, in the order added."""
        return tuple(self._projections)

    @property
    def stimuli(self) -> Tuple[Stimulus, ...]:
        """Stimuli, in the order added."""
        return tuple(self._stimuli)

    @property
    def monitors(self) -> Tuple[Monitor, ...]:
        """Monitors, in the order added."""
        return tuple(self._monitors)

    def __getitem__(self, label: str) -> Any:
        """The population, projection, stimulus or monitor labelled ``label``."""
        for obj in self._populations + self._projections + self._stimuli + self._monitors:
            if obj.label == label:
                return obj
        known = ", ".join(
            o.label for o in self._populations + self._projections + self._stimuli + self._monitors
        )
        raise UnknownNameError(
            f"Network: unknown object '{label}'; known: {known}",
            object="Network",
            what="object",
            name=str(label),
            known=known,
        )

    @property
    def seed(self) -> int:
        """The seed of every random stream. Setting it needs a network that has not run
        (or :meth:`reset`)."""
        return self._seed

    @seed.setter
    def seed(self, value: int) -> None:
        if self._engine is not None or self._steps:
            raise InvalidConfigurationError(
                "Network: the seed of a network that has run cannot change; call reset() "
                "first",
                object="Network",
            )
        self._seed = check_int("Network", "seed", value, 0)

    @property
    def t(self) -> float:
        """Simulated time so far, seconds."""
        return self._steps * self._dt if self._dt is not None else 0.0

    @property
    def dt(self) -> Optional[float]:
        """The step of the runs so far (None before the first)."""
        return self._dt

    @property
    def n_neurons(self) -> int:
        """Total number of neurons."""
        return sum(p.n for p in self._populations)

    @property
    def rank(self) -> int:
        """This process's MPI rank (0 without MPI)."""
        return 0 if self._engine is None else self._engine.rank

    @property
    def ranks(self) -> int:
        """Number of MPI ranks running the network (1 without MPI)."""
        return 1 if self._engine is None else self._engine.ranks

    @property
    def threads(self) -> Optional[int]:
        """Worker threads of the current engine (None before a run)."""
        return None if self._engine is None else self._engine.threads

    # -- running -----------------------------------------------------------------------

    def run(
        self,
        duration: float,
        dt: Optional[float] = None,
        backend: str = "auto",
        progress: bool = False,
        threads: Optional[int] = None,
    ) -> None:
        """Simulates ``duration`` seconds with step ``dt`` seconds, continuing from where the
        last run stopped (the clock, the state, the spikes in flight and the monitors carry
        on).

        Parameters
        ----------
        duration:
            Seconds to simulate (rounded to whole steps).
        dt:
            Step in seconds, passed to every model, stimulus, monitor and rule (default: the
            previous run's, else 1e-4 s). It cannot change between runs without
            :meth:`reset`.
        backend:
            ``"auto"`` (``"rust"`` when every population is a catalogue model, else
            ``"python"``), ``"rust"`` (the shared-memory engine), ``"python"`` (the
            reference loop, also runs user-defined models) or ``"mpi"`` (this process's rank
            of an MPI job, in a build with the MPI backend; otherwise it raises
            :class:`~sc_neurocore.errors.BackendUnavailableError`). The choice is in :attr:`last_backend`. Switching backend
            between runs continues in time: the new engine replays the run so far (the
            backends give identical results) before going on.
        progress:
            Show a progress bar on stderr (tqdm if installed).
        threads:
            Worker threads of the Rust engine (default: all cores). Results do not depend
            on it.

        Ctrl-C stops the run at the next chunk of steps; the network keeps the steps done.
        """
        duration = check_float("Network.run", "duration", duration)
        if dt is None:
            dt = self._dt if self._dt is not None else DEFAULT_DT
        dt = check_float("Network.run", "dt", dt)
        _native.check_dt(dt)
        backend = check_str("Network.run", "backend", backend)
        if threads is not None:
            threads = check_int("Network.run", "threads", threads, 1)
        chosen = self._choose_backend(backend)
        if self._dt is not None and not same_float(dt, self._dt):
            raise InvalidConfigurationError(
                f"Network.run: dt = {dt} s differs from the dt = {self._dt} s of the runs so "
                "far; one network runs on one time grid: call reset() to start again with "
                "another dt",
                object="Network.run",
            )
        for st in self._stimuli:
            if isinstance(st, PoissonInput) and st.dt is not None and not same_float(st.dt, dt):
                raise InvalidConfigurationError(
                    f"PoissonInput '{st.label}': it was created with dt = {st.dt} s but the "
                    f"network runs with dt = {dt} s; the run's dt is the one time base (omit "
                    "dt= or make them equal)",
                    object=f"PoissonInput '{st.label}'",
                )
        steps = _native.steps_for(dt, duration)
        engine = self._engine
        if (
            engine is None
            or engine.broken
            or engine.name != chosen
            or (threads is not None and chosen != "python" and threads != engine.threads)
        ):
            engine = self._new_engine(chosen, dt, threads)
        self.last_backend = chosen
        bar = progress_bar(steps, dt, enabled=bool(progress))
        try:
            engine.run_steps(steps, bar.update if bar is not None else None)
        finally:
            self._steps = engine.steps_done
            if bar is not None:
                bar.close()

    def _choose_backend(self, backend: str) -> str:
        if backend not in BACKENDS:
            raise UnknownNameError(
                f"Network.run: unknown backend '{backend}'; known: {', '.join(BACKENDS)}",
                object="Network.run",
                what="backend",
                name=backend,
                known=", ".join(BACKENDS),
            )
        if backend == "mpi" and not _native.HAS_MPI:
            raise BackendUnavailableError(
                "Network.run: backend 'mpi' is not available in this build of sc_neurocore: "
                "the wheel was built without MPI. Build it with the MPI backend (`cargo xtask "
                "wheel --mpi`, which needs an MPI installation such as Open MPI: apt-get "
                "install libopenmpi-dev openmpi-bin libclang-dev) and launch with `mpirun -n "
                "N python script.py`; or use backend='rust' (every core of this machine).",
                object="Network.run",
            )
        if backend == "auto":
            return "rust" if all(p.is_catalogue for p in self._populations) else "python"
        return backend

    def _new_engine(self, name: str, dt: float, threads: Optional[int]):
        """Builds an engine; if the network has already run, replays it to the current
        step so that the run continues in time."""
        new = ENGINES[name](self, dt, threads)
        target = self._steps
        old = self._engine
        if old is not None:
            for m in self._monitors:
                m._freeze(target, dt)
        for step, j, w in self._weight_log:
            if step > new.steps_done:
                new.run_steps(step - new.steps_done)
            new.set_weights(j, w)
        if target > new.steps_done:
            new.run_steps(target - new.steps_done)
        for i, m in enumerate(self._monitors):
            m._attach(new, i, m._skip_mark(new, i) if target else None)
        self._engine = new
        self._dt = dt
        return new

    def reset(self) -> None:
        """Back to t = 0: the next run builds the network afresh from its objects (initial
        state, the projections' own weights, empty delay buffers, STDP and manual-STDP
        traces at zero) and the monitors start empty. The seed and the objects stay."""
        self._engine = None
        self._dt = None
        self._steps = 0
        self._weight_log = []
        self.last_backend = None
        for m in self._monitors:
            m._clear()
        for pr in self._projections:
            pr._reset_plasticity_traces()

    # -- what the objects ask of the network -----------------------------------------

    def _population_state(self, pop: Population, variable: str) -> np.ndarray:
        if self._engine is None:
            raise InvalidConfigurationError(
                f"Population '{pop.label}': the network has not run; its state exists from "
                "the first run on",
                object=f"Population '{pop.label}'",
            )
        return self._engine.population_state(self._populations.index(pop), variable)

    def _projection_csr(self, proj: Projection) -> Optional[CSR]:
        j = self._projections.index(proj)
        if self._engine is not None:
            return self._engine.connectivity(j)
        if proj._csr is not None:
            return None
        from ._engines import describe

        spec = describe(self, placeholders=True, monitors=False)
        return CSR(*spec.connectivity(j))

    def _set_projection_weights(self, proj: Projection, weights: np.ndarray) -> bool:
        if self._engine is None:
            return False
        j = self._projections.index(proj)
        self._engine.set_weights(j, weights)
        self._weight_log.append((self._steps, j, np.array(weights, copy=True)))
        return True

    def __repr__(self) -> str:
        return (
            f"Network({len(self._populations)} populations, {len(self._projections)} "
            f"projections, {len(self._stimuli)} stimuli, {len(self._monitors)} monitors, "
            f"t = {self.t} s)"
        )


def _same_kind(entry, synapse: str, options: Dict[str, float]) -> bool:
    from ._engines import _kind_key

    return _kind_key(entry[1], entry[2]) == _kind_key(synapse, options)


def _flatten(objects: Iterable[Any]):
    for obj in objects:
        if isinstance(obj, (list, tuple)):
            yield from _flatten(obj)
        else:
            yield obj

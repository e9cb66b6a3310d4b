"""The network: the container that runs populations, projections, stimuli and monitors."""

from __future__ import annotations

from typing import Any, Dict, Iterable, List, Optional, Tuple

import numpy as np

from .. import _native
from .._sealed import Sealed
from .._util import check_float, check_int, check_str, same_float, type_name
from ..errors import (
    ArgumentTypeError,
    BackendUnavailableError,
    InvalidConfigurationError,
    UnknownNameError,
)
from ._engines import ENGINES
from .. import units
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


class Network(Sealed):
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
        # The step of the last run, kept through reset(): the default of the next run.
        self._last_dt: Optional[float] = None
        self._steps = 0
        self._weight_log: List[Tuple[int, int, np.ndarray]] = []
        # (step, population index, variable, values) of Population.set_state, replayed as
        # the weights are when an engine is rebuilt.
        self._state_log: List[Tuple[int, int, str, np.ndarray]] = []
        # (population, synapse, options given, values) of set_initial_synaptic_state.
        self._initial_synaptic: List[Tuple[Population, str, Dict[str, float], Any]] = []
        self._last_backend: Optional[str] = None
        self.add(*objects)

    # -- building ----------------------------------------------------------------------

    def add(self, *objects: Any) -> "Network":
        """Adds populations, projections, stimuli and monitors (or lists of them).

        Populations are numbered in the order they are added (the first one is the
        default target of stimuli). Objects may be added in any order; their references to
        each other are checked when the network runs. Adding to a network that has run
        needs :meth:`reset` first.

        An object belongs to one network. An object of another network that has not run
        (never, or not since its :meth:`reset`, e.g. one whose run failed) moves to this
        one; an object of a network that has run raises. Nothing is added on error.
        """
        if self._engine is not None or self._steps:
            raise InvalidConfigurationError(
                f"Network: it has run (t = {self.t} s); call reset() before adding objects",
                object="Network",
            )
        todo = list(_flatten(objects))
        labels = [p.label for p in self._populations]
        for k, obj in enumerate(todo):
            if not isinstance(obj, (Population, Projection, Stimulus, Monitor)):
                raise ArgumentTypeError(
                    "Network.add: expected a Population, Projection, stimulus or monitor, got "
                    f"{type_name(obj)} {obj!r}"
                )
            if obj._network is self or any(o is obj for o in todo[:k]):
                raise InvalidConfigurationError(
                    f"Network.add: {obj!r} is already in this network", object="Network"
                )
            other = obj._network
            if other is not None and (other._engine is not None or other._steps):
                raise InvalidConfigurationError(
                    f"Network.add: {obj!r} already belongs to another network, which has run "
                    f"(t = {other.t} s); call reset() on that network to release its objects, "
                    "or create new objects for this one",
                    object="Network",
                )
            if isinstance(obj, Population):
                if obj.label in labels:
                    raise InvalidConfigurationError(
                        f"Population '{obj.label}': label '{obj.label}' is already used",
                        object=f"Population '{obj.label}'",
                    )
                labels.append(obj.label)
        for obj in todo:
            if obj._network is not None:
                obj._network._release(obj)
            obj._network = self
            self._bucket(obj).append(obj)
        return self

    def _bucket(self, obj: Any) -> list:
        if isinstance(obj, Population):
            return self._populations
        if isinstance(obj, Projection):
            return self._projections
        if isinstance(obj, Stimulus):
            return self._stimuli
        return self._monitors

    def _release(self, obj: Any) -> None:
        """Removes ``obj`` (moving to another network; this one has not run)."""
        bucket = self._bucket(obj)
        bucket[:] = [o for o in bucket if o is not obj]
        self._initial_synaptic = [e for e in self._initial_synaptic if e[0] is not obj]
        obj._network = None

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
        todo = list(_flatten(objects))
        for obj in todo:
            if not any(o is obj for o in self._bucket(obj)):
                raise InvalidConfigurationError(
                    f"Network.remove: {obj!r} is not in this network", object="Network"
                )
        for obj in todo:
            self._release(obj)
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
        ``"alpha"`` with ``tau_syn``, one value per neuron or one for all (or with a unit:
        ``ge0 * nS``, ``tau_syn=5 * ms``). It acts from the
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
        from .projection import _weight_unit

        values = units.convert(obj, "values", values, _weight_unit(synapse, population))
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
    def last_backend(self) -> Optional[str]:
        """The backend of the last run (``"rust"``, ``"python"`` or ``"mpi"``), None before
        any."""
        return self._last_backend

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
            Seconds to simulate (rounded to whole steps), or a quantity (``500 * ms``).
        dt:
            Step in seconds (or a quantity, ``0.1 * ms``), passed to every model, stimulus,
            monitor and rule (default: the previous run's, also after :meth:`reset`; else
            1e-4 s). It cannot change between runs without :meth:`reset`. A step above a
            tenth of a population's ``tau_m``, above half a synaptic ``tau_syn`` or above 10
            ms gives a :class:`~sc_neurocore.units.UnitWarning`.
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
        duration = check_float("Network.run", "duration", duration, "s")
        if dt is None:
            dt = self._dt if self._dt is not None else self._last_dt or DEFAULT_DT
        dt = check_float("Network.run", "dt", dt, "s")
        _native.check_dt(dt)
        if self._dt is None:
            units.check_dt(dt, self._time_constants())
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
        self._last_backend = chosen
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
        events = [(step, 0, k) for k, (step, _, _) in enumerate(self._weight_log)]
        events += [(step, 1, k) for k, (step, _, _, _) in enumerate(self._state_log)]
        for step, kind, k in sorted(events):
            if step > new.steps_done:
                new.run_steps(step - new.steps_done)
            if kind == 0:
                _, j, w = self._weight_log[k]
                new.set_weights(j, w)
            else:
                _, p, variable, values = self._state_log[k]
                new.set_state(p, variable, values)
        if target > new.steps_done:
            new.run_steps(target - new.steps_done)
        for i, m in enumerate(self._monitors):
            m._attach(new, i, m._skip_mark(new, i) if target else None)
        self._engine = new
        self._dt = dt
        self._last_dt = dt
        return new

    def _time_constants(self) -> List[Tuple[float, float, str]]:
        """``(seconds, fraction, what)`` of the time constants the step must resolve: the
        populations' ``tau_m`` (a tenth: the membrane is what the models integrate) and the
        synaptic ``tau_syn`` of projections and stimuli (half: the engine integrates their
        decay exactly, so a coarser step loses only the timing within it; NEST's
        microcircuit, 0.5 ms at dt = 0.1 ms, and synfire chain, 0.325 ms, are fine)."""
        found: List[Tuple[float, float, str]] = []
        for pr in self._projections:
            if pr.synapse in ("exponential", "alpha", "conductance"):
                tau = pr.synapse_options.get("tau_syn", 5e-3)
                found.append((tau, 0.5, f"tau_syn of Projection '{pr.label}'"))
        for st in self._stimuli:
            if getattr(st, "synapse", "delta") in ("exponential", "alpha", "conductance"):
                tau = st.tau_syn if st.tau_syn is not None else 5e-3
                found.append((tau, 0.5, f"tau_syn of {type(st).__name__} '{st.label}'"))
        for p in self._populations:
            if "tau_m" in p.model.parameters:
                tau = np.min(p._params.get("tau_m", p.model.parameters["tau_m"])) * 1e-3
                if tau > 0:
                    found.append((float(tau), 0.1, f"tau_m of Population '{p.label}'"))
        return found

    def reset(self) -> None:
        """Back to t = 0: the next run builds the network afresh from its objects (initial
        state, their current parameters, the projections' own weights, empty delay buffers,
        STDP and manual-STDP traces at zero) and the monitors start empty. The seed, the
        objects and the default step (the last run's ``dt``) stay; the next run may choose
        another ``dt``."""
        self._engine = None
        self._dt = None
        self._steps = 0
        self._weight_log = []
        self._state_log = []
        self._last_backend = None
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

    def _set_population_state(self, pop: Population, variable: str, values: np.ndarray) -> None:
        p = self._populations.index(pop)
        self._engine.set_state(p, variable, values)
        self._state_log.append((self._steps, p, variable, values.copy()))

    def _population_offset(self, pop: Population) -> int:
        """Global id of ``pop``'s first neuron: the sizes of the populations before it."""
        offset = 0
        for p in self._populations:
            if p is pop:
                return offset
            offset += p.n
        raise InvalidConfigurationError(
            f"Population '{pop.label}': it is not in this network; add it with Network.add "
            "first",
            object=f"Population '{pop.label}'",
        )

    def _projection_csr(self, proj: Projection) -> Optional[CSR]:
        j = self._projections.index(proj)
        if self._engine is not None:
            return self._engine.connectivity(j)
        if proj._csr is not None and proj._late_weight is None:
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

    def _assignment_hint(self, name: str) -> str:
        if name == "dt":
            return "the step is an argument of run(duration, dt=...) (seconds)"
        if name == "t":
            return "the clock advances with run(); reset() takes it back to 0"
        if name in ("populations", "projections", "stimuli", "monitors"):
            return "add objects with net.add(...)"
        return (
            "a network's settings are run(duration, dt=..., backend=..., threads=...) and "
            "seed (Network(..., seed=...) or net.seed = ...)"
        )

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

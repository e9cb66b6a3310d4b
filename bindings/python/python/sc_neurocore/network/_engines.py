"""The backends behind ``Network.run``.

Both engines expose the same small interface (``steps_done``, ``run_steps``, monitor data,
state, weights), so that the network can switch between them.

- :class:`RustEngine`: the shared-memory ``NetworkRunner`` (rayon, all cores).
- :class:`PythonEngine`: the reference loop in Python/NumPy. It follows the runner's step
  (``crates/runner/src/engine.rs``, ``docs/semantics.md``) operation by operation, so that a
  network of catalogue models gives the same spikes, bit for bit, as ``backend="rust"``:
  catalogue neurons step through their compiled kernels, connectivity and Poisson counts
  come from the engine's random streams, monitors record with the engine's recorders, and
  every input is summed in the runner's order (projection, source id ascending, synapse
  order: ``np.add.at`` applies repeated indices in order). It also runs user-defined
  :class:`~sc_neurocore.neurons.NeuronModel` classes, which the Rust engine cannot.
"""

from __future__ import annotations

import atexit
import math
import signal
import threading
import weakref
from typing import Any, Callable, Dict, List, Optional, Tuple

import numpy as np

from .. import _native
from ..errors import InvalidConfigurationError, OutOfRangeError, ShapeMismatchError
from ..neurons.base import native_params
from .monitor import SYNAPTIC_VARIABLES, RateMonitor, SpikeMonitor, StateMonitor, WeightMonitor
from .topology import CSR

Progress = Optional[Callable[[int, int], None]]


def _index_of(net, obj, kind: str, owner: str) -> int:
    for i, p in enumerate(net._populations):
        if p is obj:
            return i
    raise InvalidConfigurationError(
        f"{owner}: its {kind} population '{obj.label}' is not in the network; add it with "
        "Network.add",
        object=owner,
    )


def _projection_index(net, proj, owner: str) -> int:
    for j, pr in enumerate(net._projections):
        if pr is proj:
            return j
    raise InvalidConfigurationError(
        f"{owner}: its projection '{proj.label}' is not in the network; add it with "
        "Network.add",
        object=owner,
    )


def describe(net, *, placeholders: bool, monitors: bool) -> "_native.NetworkSpec":
    """The network as the engine's description, checked by the engine. With
    ``placeholders``, user-defined populations stand in as same-size catalogue populations
    (their synapses and stimuli are checked and drawn exactly as for any population);
    without, they are an error (the Rust engine cannot run them)."""
    if not net._populations:
        raise InvalidConfigurationError(
            "Network: has no population; add one before running", object="Network"
        )
    spec = _native.NetworkSpec(net.seed)
    for p in net._populations:
        if p.is_catalogue:
            spec.add_population(p.label, p.model.name, p.n, native_params(p.params))
        elif placeholders:
            spec.add_population(p.label, "lif", p.n)
        else:
            raise InvalidConfigurationError(
                f"Population '{p.label}': model {p.model.__name__} is a Python class; only "
                "backend='python' (or 'auto') runs user-defined models",
                object=f"Population '{p.label}'",
            )
    for pr in net._projections:
        owner = f"Projection '{pr.label}'"
        s = _index_of(net, pr.source, "source", owner)
        t = _index_of(net, pr.target, "target", owner)
        j = spec.add_projection(pr.label, s, t, **pr._native_kwargs())
        # Per-synapse values the description cannot hold (arrays, functions, uniform
        # draws), given once the synapses exist.
        pr._apply_per_synapse(spec, j)
    for st in net._stimuli:
        owner = f"{type(st).__name__} '{st.label}'"
        tgt = None if st.target is None else _index_of(net, st.target, "target", owner)
        spec.add_stimulus(st.label, st._native, tgt, **st._synapse_kwargs())
    for pop, synapse, options, values in net._initial_synaptic:
        p = _index_of(net, pop, "initial-state", "Network.set_initial_synaptic_state")
        spec.set_initial_synaptic_state(p, synapse, values, **options)
    spec.check_initial_synaptic_states()
    if monitors:
        for m in net._monitors:
            if isinstance(m, WeightMonitor):
                j = _projection_index(net, m.projection, f"WeightMonitor '{m.label}'")
                sel = m.synapse_selection
                spec.add_weight_monitor(j, None if sel is None else [int(k) for k in sel], m.interval)
                continue
            p = _index_of(net, m.population, "recorded", f"{type(m).__name__} '{m.label}'")
            if isinstance(m, SpikeMonitor):
                spec.add_spike_monitor(p)
            elif isinstance(m, StateMonitor):
                ix = None if m.record is None else [int(i) for i in m.record]
                spec.add_state_monitor(p, m.variable, ix, m.interval)
            elif isinstance(m, RateMonitor):
                spec.add_rate_monitor(p, m.bin)
    return spec


class RustEngine:
    """``backend="rust"``: the shared-memory engine."""

    name = "rust"
    mpi = False

    def __init__(self, net, dt: float, threads: Optional[int]) -> None:
        spec = describe(net, placeholders=False, monitors=True)
        self._runner = _native.Runner(spec, dt, threads, self.mpi)
        self.rank, self.ranks = self._runner.rank_and_size
        self.dt = dt
        self.threads = self._runner.threads
        self.n_synapses = self._runner.n_synapses
        self.build_seconds = self._runner.build_seconds
        self.broken = False

    @property
    def steps_done(self) -> int:
        return self._runner.steps_done

    def run_steps(self, steps: int, progress: Progress = None) -> None:
        self._runner.run_steps(steps, progress)

    def spike_data(self, m: int, start: int = 0):
        return self._runner.spike_data(m, start)

    def state_data(self, m: int, start: int = 0):
        return self._runner.state_data(m, start)

    def weight_data(self, m: int, start: int = 0):
        return self._runner.weight_data(m, start)

    def rate_data(self, m: int):
        return self._runner.rate_data(m)

    def population_state(self, p: int, variable: str) -> np.ndarray:
        return self._runner.state(p, variable)

    def set_state(self, p: int, variable: str, values: np.ndarray) -> None:
        self._runner.set_state(p, variable, values)

    def connectivity(self, j: int) -> CSR:
        return CSR(*self._runner.connectivity(j))

    def set_weights(self, j: int, weights: np.ndarray) -> None:
        self._runner.set_weights(j, np.ascontiguousarray(weights, dtype=np.float64))

    def close(self) -> None:
        self._runner.close()


_MPI_ENGINES: "weakref.WeakSet" = weakref.WeakSet()


def _close_mpi_engines() -> None:
    # MPI must be finalised before the process exits (mpirun reports an error otherwise);
    # engines still alive at exit are closed here.
    for e in list(_MPI_ENGINES):
        e.close()


atexit.register(_close_mpi_engines)


class MpiEngine(RustEngine):
    """``backend="mpi"``: the same engine on this process's rank of an MPI job (launch
    with ``mpirun -n N python script.py``; without a launcher, one rank). Every rank builds
    only its own neurons and synapses; spikes are exchanged once per minimum delay; monitors
    are complete on every rank. State monitors, population states and weights are gathered
    when read: read them on every rank (each rank runs the same script). MPI starts with the
    first MPI engine of the process and stops at exit."""

    name = "mpi"
    mpi = True

    def __init__(self, net, dt: float, threads: Optional[int]) -> None:
        super().__init__(net, dt, threads)
        _MPI_ENGINES.add(self)


def _ranges(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Concatenation of ``arange(s, e)`` for each pair, in order (no Python loop)."""
    lens = ends - starts
    total = int(lens.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    offsets = np.cumsum(lens) - lens
    return np.repeat(starts - offsets, lens) + np.arange(total, dtype=np.int64)


def _kind_key(name: str, options: Dict[str, float]) -> Tuple:
    """The runner's SynapseKind equality: ``(name, parameters...)`` with the defaults filled
    in, from the engine (``_native.synapse_key``): delta; exponential/alpha by tau_syn;
    conductance by tau_syn and e_rev; nmda by tau_rise, tau_decay, alpha, e_rev, mg."""
    return tuple(_native.synapse_key(name, **options))


class _Channel:
    """One synapse kind's delay ring and synaptic state for a population (the runner's
    ``channel.rs``, same operations in the same order)."""

    def __init__(self, key: Tuple, n: int, max_delay: int, dt: float) -> None:
        self.key = key
        self.kind = key[0]
        self.slots = max(max_delay, 1) + 1
        self.ring = np.zeros((self.slots, n))
        h = dt * 1e3
        self.h = h
        self.a = np.zeros(n)
        self.b = np.zeros(n)
        if self.kind == "exponential":
            tau = key[1] * 1e3
            d = math.exp(-h / tau)
            self.decay, self.factor = d, tau / h * (1.0 - d)
        elif self.kind == "alpha":
            tau = key[1] * 1e3
            self.decay, self.factor = math.exp(-h / tau), math.e / tau
        elif self.kind in ("conductance", "nmda"):
            # The step's mean conductance carries its exact charge (for a fixed V).
            tau = (key[1] if self.kind == "conductance" else key[2]) * 1e3
            d = math.exp(-h / tau)
            self.decay, self.factor = d, tau / h * (1.0 - d)
            if self.kind == "conductance":
                self.e_rev = key[2]
            else:
                self.e_rev, self.mg = key[4], key[5]
        else:
            self.decay, self.factor = 0.0, 0.0

    def due(self, step: int) -> np.ndarray:
        return self.ring[step % self.slots]

    def apply(self, step: int, v: Optional[np.ndarray], jump: np.ndarray, current: np.ndarray) -> None:
        d = self.ring[step % self.slots]
        if self.kind == "delta":
            jump += d
        elif self.kind == "exponential":
            current += self.a * self.factor
            self.a *= self.decay
            self.a += d
        elif self.kind == "alpha":
            current += self.a
            self.a += self.h * self.b
            self.a *= self.decay
            self.b *= self.decay
            self.b += d * self.factor
        elif self.kind == "nmda":
            current += self.a * self.factor * (self.e_rev - v) * _native.nmda_block(v, self.mg)
            self.a *= self.decay
            self.a += d
        else:  # conductance
            current += self.a * self.factor * (self.e_rev - v)
            self.a *= self.decay
            self.a += d
        d[:] = 0.0


class _Neurons:
    """A population's neurons: a compiled kernel or a user model instance."""

    def __init__(self, pop, dt: float, seed: int, first_id: int) -> None:
        self.pop = pop
        self.n = pop.n
        self.membrane = pop.model.membrane
        self.dt = dt
        if pop.is_catalogue:
            inst = pop.model(pop.n, pop.params, label=pop.label, seed=seed, first_id=first_id)
            self.kernel = inst.kernel(dt)
            self.user = None
        else:
            self.kernel = None
            self.user = pop.model(pop.n, pop.params)
            for name in pop.model.state_variables:
                v = getattr(self.user, name, None)
                if not isinstance(v, np.ndarray) or v.shape != (pop.n,):
                    raise InvalidConfigurationError(
                        f"Population '{pop.label}': {pop.model.__name__}.init_state must set "
                        f"state variable '{name}' to a float64 array of shape ({pop.n},)",
                        object=f"Population '{pop.label}'",
                    )

    def get(self, name: str) -> np.ndarray:
        if self.kernel is not None:
            return self.kernel.get(name)
        return np.array(getattr(self.user, name), dtype=np.float64)

    def membrane_now(self) -> np.ndarray:
        if self.kernel is not None:
            return self.kernel.get(self.membrane)
        return np.asarray(getattr(self.user, self.membrane), dtype=np.float64)

    def step(self, jump: np.ndarray, current: np.ndarray) -> np.ndarray:
        if self.kernel is not None:
            return self.kernel.step(jump, current).astype(np.int64)
        out = self.user.step(self.dt, jump, current)
        arr = np.asarray(out)
        if arr.dtype == bool:
            if arr.shape != (self.n,):
                raise ShapeMismatchError(
                    f"Population '{self.pop.label}': {self.pop.model.__name__}.step returned a "
                    f"mask of shape {arr.shape}, expected ({self.n},)",
                    object=f"Population '{self.pop.label}'",
                    field="spikes",
                    got=int(arr.size),
                    expected=str(self.n),
                )
            return np.flatnonzero(arr).astype(np.int64)
        if arr.size == 0:
            return np.zeros(0, dtype=np.int64)
        if arr.dtype.kind not in "iu" or arr.ndim != 1:
            raise InvalidConfigurationError(
                f"Population '{self.pop.label}': {self.pop.model.__name__}.step must return a "
                f"boolean mask or integer indices, got {arr.dtype} of shape {arr.shape}",
                object=f"Population '{self.pop.label}'",
            )
        idx = np.unique(arr.astype(np.int64))
        if idx[0] < 0 or idx[-1] >= self.n:
            raise OutOfRangeError(
                f"Population '{self.pop.label}': {self.pop.model.__name__}.step returned "
                f"index {idx[0] if idx[0] < 0 else idx[-1]}; valid range: [0, {self.n})",
                object=f"Population '{self.pop.label}'",
                field="spikes",
                value=str(idx[0] if idx[0] < 0 else idx[-1]),
                range=f"[0, {self.n})",
            )
        return idx


class _TraceHistory:
    """Traces of ``n`` neurons for the last ``depth`` steps (the runner's ``TraceHistory``);
    0 before step 0."""

    def __init__(self, n: int, depth: int) -> None:
        self.rows = np.zeros((max(depth, 1), n))
        self.step = 0

    def back(self, i: np.ndarray, back: np.ndarray) -> np.ndarray:
        depth = self.rows.shape[0]
        out = self.rows[(self.step - back) % depth, i]
        out[back > self.step] = 0.0
        return out

    def advance(self, spiked: np.ndarray, decay: float) -> None:
        depth = self.rows.shape[0]
        row = self.rows[self.step % depth].copy()
        row[spiked] += 1.0
        row *= decay
        self.rows[(self.step + 1) % depth] = row
        self.step += 1


class _DueRing:
    """Synapse indices waiting for their arrival, one slot per step."""

    def __init__(self, max_delay: int) -> None:
        self.slots: List[List[np.ndarray]] = [[] for _ in range(max_delay + 1)]

    def push(self, due: np.ndarray, synapses: np.ndarray) -> None:
        n = len(self.slots)
        slot = due % n
        for u in np.unique(slot):
            self.slots[int(u)].append(synapses[slot == u])

    def take(self, step: int) -> np.ndarray:
        n = len(self.slots)
        parts, self.slots[step % n] = self.slots[step % n], []
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)


class _Plastic:
    """Online STDP of one projection (the runner's ``plastic.rs``): the synapse sees a
    presynaptic spike its axonal delay part after emission and a postsynaptic one its
    dendritic part after it."""

    def __init__(self, stdp, sign: float, n_src: int, n_tgt: int, dt: float, delays) -> None:
        self.sign = sign
        self.a_plus, self.a_minus = stdp.a_plus, stdp.a_minus
        self.w_min, self.w_max = stdp.w_min, stdp.w_max
        self.multiplicative = stdp.mode == "multiplicative"
        d = np.asarray(delays, dtype=np.int64)
        # Rust's f64::round (halves away from zero) on a non-negative product.
        self.d_dend = np.minimum(
            np.floor(stdp.dendritic_delay_fraction * d.astype(np.float64) + 0.5).astype(np.int64), d
        )
        self.d_ax = d - self.d_dend
        max_dend = int(self.d_dend.max()) if self.d_dend.size else 0
        max_ax = int(self.d_ax.max()) if self.d_ax.size else 0
        self.x = _TraceHistory(n_src, max_ax + 1)
        self.y = _TraceHistory(n_tgt, max_dend + 1)
        self.pre_due = _DueRing(max_ax)
        self.post_due = _DueRing(max_dend)
        self.x_decay = math.exp(-dt / stdp.tau_plus)
        self.y_decay = math.exp(-dt / stdp.tau_minus)

    def part(self, parts: np.ndarray, k: np.ndarray) -> np.ndarray:
        """The delay parts of synapses ``k`` (one value for a uniform delay)."""
        return parts[k] if parts.ndim else np.full(k.shape, int(parts), dtype=np.int64)

    def bounds(self) -> Tuple[float, float]:
        if self.sign > 0:
            return self.w_min, self.w_max
        return 0.0 - self.w_max, 0.0 - self.w_min

    def on_pre(self, w: np.ndarray, y: np.ndarray) -> np.ndarray:
        m = w * self.sign
        if self.multiplicative:
            dm = self.a_minus * y * (m - self.w_min)
        else:
            dm = self.a_minus * y
        return np.clip(m - dm, self.w_min, self.w_max) * self.sign

    def on_post(self, w: np.ndarray, x: np.ndarray) -> np.ndarray:
        m = w * self.sign
        if self.multiplicative:
            dm = self.a_plus * x * (self.w_max - m)
        else:
            dm = self.a_plus * x
        return np.clip(m + dm, self.w_min, self.w_max) * self.sign


class _Projection:
    def __init__(self, j: int, pr, src: int, tgt: int, csr: CSR, delays: np.ndarray, channel: _Channel) -> None:
        self.j = j
        self.pr = pr
        self.src = src
        self.tgt = tgt
        self.indptr = csr.indptr.astype(np.int64)
        self.targets = csr.indices.astype(np.int64)
        self.w = np.array(csr.data, dtype=np.float64)
        self.delays = delays  # one value, or one per synapse
        self.channel = channel
        self.plastic: Optional[_Plastic] = None
        self.sources: Optional[np.ndarray] = None
        self.post_order: Optional[np.ndarray] = None
        self.post_ptr: Optional[np.ndarray] = None
        # NMDA: the index of the source's gating group (each spike's weight times its jump).
        self.nmda: Optional[int] = None


class PythonEngine:
    """``backend="python"``: the reference loop (see the module documentation)."""

    name = "python"

    def __init__(self, net, dt: float, threads: Optional[int] = None) -> None:
        spec = describe(net, placeholders=True, monitors=False)
        self._spec = spec
        self.dt = dt
        self.threads = 1
        self.rank, self.ranks = 0, 1
        seed = net.seed
        pops = net._populations
        self.offsets = np.cumsum([0] + [p.n for p in pops]).tolist()
        self.neurons = [
            _Neurons(p, dt, seed, self.offsets[i]) for i, p in enumerate(pops)
        ]
        # Channels per population in order of first use: projections, then Poisson inputs.
        keys: List[List[Tuple]] = [[] for _ in pops]
        proj_keys = []
        for pr in net._projections:
            t = _index_of(net, pr.target, "target", pr.label)
            k = _kind_key(pr.synapse, pr.synapse_options)
            proj_keys.append(k)
            if k not in keys[t]:
                keys[t].append(k)
        stim_targets = []
        for st in net._stimuli:
            t = 0 if st.target is None else _index_of(net, st.target, "target", st.label)
            stim_targets.append(t)
            if st._native.is_jump:
                k = _kind_key(st.synapse, _stimulus_options(st))
                if k not in keys[t]:
                    keys[t].append(k)
        # Delays first (they size the rings), then the stimuli against the grid, as the
        # runner checks them.
        delays = [
            _native.delay_steps(
                f"Projection '{pr.label}'",
                dt,
                pr.delay if pr._one_delay() else spec.delays(j),
            )
            for j, pr in enumerate(net._projections)
        ]
        for st, t in zip(net._stimuli, stim_targets):
            st._native.check(f"Population '{pops[t].label}'", pops[t].n, dt)
        self.channels: List[List[_Channel]] = []
        for p, pop in enumerate(pops):
            chans = []
            for k in keys[p]:
                md = [
                    int(delays[j].max()) if delays[j].size else 1
                    for j, pr in enumerate(net._projections)
                    if proj_keys[j] == k and pr.target is pop
                ]
                chans.append(_Channel(k, pop.n, max(md) if md else 1, dt))
            self.channels.append(chans)
        # Initial synaptic states (checked by describe() above: every one has its channel).
        for pop, synapse, options, values in net._initial_synaptic:
            t = _index_of(net, pop, "initial-state", "Network.set_initial_synaptic_state")
            k = _kind_key(synapse, options)
            ch = next(c for c in self.channels[t] if c.key == k)
            ch.a[:] = np.broadcast_to(np.asarray(values, dtype=np.float64), ch.a.shape)
        self.stimuli = []  # (target, block, channel or None)
        for i, (st, t) in enumerate(zip(net._stimuli, stim_targets)):
            block = st._native.block(f"Population '{pops[t].label}'", pops[t].n, seed, i, dt)
            ch = None
            if st._native.is_jump:
                k = _kind_key(st.synapse, _stimulus_options(st))
                ch = next(c for c in self.channels[t] if c.key == k)
            self.stimuli.append((t, block, ch))
        # NMDA gating, one group per (source, tau_rise, tau_decay, alpha) in order of first
        # use, as the runner's crate::nmda::groups: the engine's own code computes the jumps.
        self.nmda_groups: List[Tuple[int, Any]] = []
        nmda_keys: List[Tuple] = []
        self.projections: List[_Projection] = []
        for j, pr in enumerate(net._projections):
            s = _index_of(net, pr.source, "source", pr.label)
            t = _index_of(net, pr.target, "target", pr.label)
            csr = CSR(*spec.connectivity(j))
            ch = next(c for c in self.channels[t] if c.key == proj_keys[j])
            d = delays[j]
            proj = _Projection(j, pr, s, t, csr, int(d[0]) if pr._one_delay() else d, ch)
            k = proj_keys[j]
            if k[0] == "nmda":
                group = (s, k[1], k[2], k[3])
                if group not in nmda_keys:
                    nmda_keys.append(group)
                    self.nmda_groups.append((s, _native.NmdaGating(pops[s].n, k[1], k[2], k[3], dt)))
                proj.nmda = nmda_keys.index(group)
            if pr.plasticity is not None:
                obj = f"Projection '{pr.label}'"
                sign = _weight_sign(obj, proj.w)
                proj.plastic = _Plastic(pr.plasticity, sign, pops[s].n, pops[t].n, dt, proj.delays)
                _check_bounds(obj, proj.w, proj.plastic)
                proj.sources = np.repeat(
                    np.arange(pops[s].n, dtype=np.int64), np.diff(proj.indptr)
                )
                proj.post_order = np.argsort(proj.targets, kind="stable")
                proj.post_ptr = np.concatenate(
                    [[0], np.cumsum(np.bincount(proj.targets, minlength=pops[t].n))]
                ).astype(np.int64)
            self.projections.append(proj)
        # Monitors, recorded with the engine's own recorders.
        self.recorders = []
        # (recorder, population, variable, input channels summed for a synaptic variable)
        self.state_recs: List[Tuple[Any, int, str, Optional[List[int]]]] = []
        self.spike_recs: List[Tuple[Any, int]] = []
        self.weight_recs: List[Tuple[Any, int]] = []
        for m in net._monitors:
            if isinstance(m, WeightMonitor):
                j = _projection_index(net, m.projection, f"WeightMonitor '{m.label}'")
                sel = m.synapse_selection
                rec = _native.Recorder.weights(
                    m.projection.label,
                    int(self.projections[j].w.size),
                    dt,
                    None if sel is None else [int(k) for k in sel],
                    m.interval,
                )
                self.weight_recs.append((rec, j))
                self.recorders.append(rec)
                continue
            p = _index_of(net, m.population, "recorded", m.label)
            pop = pops[p]
            if isinstance(m, SpikeMonitor):
                rec = _native.Recorder.spikes(pop.n, dt)
                self.spike_recs.append((rec, p))
            elif isinstance(m, StateMonitor):
                ix = None if m.record is None else [int(i) for i in m.record]
                rec = _native.Recorder.state(pop.label, m.variable, pop.n, dt, ix, m.interval)
                channels = (
                    spec.state_monitor_channels(p, m.variable)
                    if m.variable not in pop.state_variables
                    else None
                )
                self.state_recs.append((rec, p, m.variable, channels))
            else:
                rec = _native.Recorder.rate(pop.label, pop.n, dt, m.bin)
                self.spike_recs.append((rec, p))
            self.recorders.append(rec)
        self.step_no = 0
        self.pending = False  # the last step's spikes are not routed yet
        self.broken = False
        self.last: List[np.ndarray] = [np.zeros(0, dtype=np.int64) for _ in pops]
        self.spike_counts = [0 for _ in pops]
        self.n_synapses = sum(int(p.targets.size) for p in self.projections)
        self.build_seconds = 0.0

    @property
    def steps_done(self) -> int:
        return self.step_no

    # -- the step (the runner's order, DESIGN.md §2) -----------------------------------

    def run_steps(self, steps: int, progress: Progress = None) -> None:
        """Runs ``steps`` steps. Ctrl-C stops at the end of the current step (a clean
        boundary); an exception inside a step (e.g. from a user model) leaves the engine
        ``broken`` and the network rebuilds it before the next run."""
        every = max(steps // 100, 1)
        interrupted: List[int] = []
        old_handler = None
        if threading.current_thread() is threading.main_thread():
            try:
                old_handler = signal.signal(signal.SIGINT, lambda *_: interrupted.append(1))
            except ValueError:  # pragma: no cover - embedded interpreters
                old_handler = None
        try:
            for k in range(steps):
                try:
                    self._step()
                except BaseException:
                    self.broken = True
                    raise
                if progress is not None and ((k + 1) % every == 0 or k + 1 == steps):
                    progress(k + 1, steps)
                if interrupted:
                    break
            # A run ends with everything routed (weights and traces complete), as the
            # runner's.
            if not self.broken:
                self._route_pending()
            if interrupted:
                raise KeyboardInterrupt
        finally:
            if old_handler is not None:
                signal.signal(signal.SIGINT, old_handler)
            for rec in self.recorders:
                rec.set_steps_done(self.step_no)

    def _step(self) -> None:
        """One step, in the runner's order (DESIGN.md §2, ``engine.rs``)."""
        step = self.step_no
        # (3) state monitors: the sample of step k is the state before it integrates.
        for rec, p, var, channels in self.state_recs:
            if rec.wants(step):
                rec.record_state(step, self._state(p, var, channels))
        # (4) + (5) for the last step's spikes, if a run did not end with them.
        self._route_pending()
        # Weights at k·dt: after the plasticity of every spike before (the runner's samples).
        for rec, j in self.weight_recs:
            if rec.wants(step):
                rec.record_state(step, self.projections[j].w)
        # (1) + (2): input due now and stimuli, then integration.
        spikes = []
        for p, neurons in enumerate(self.neurons):
            n = neurons.n
            jump = np.zeros(n)
            current = np.zeros(n)
            for t, block, ch in self.stimuli:
                if t == p:
                    block.add(step, ch.due(step) if ch is not None else current)
            chans = self.channels[p]
            v = neurons.membrane_now() if any(c.kind in ("conductance", "nmda") for c in chans) else None
            for ch in chans:
                ch.apply(step, v, jump, current)
            spikes.append(neurons.step(jump, current))
        self.last = spikes
        self.pending = True
        for p, s in enumerate(spikes):
            self.spike_counts[p] += int(s.size)
        # (3) spike and rate monitors.
        for rec, p in self.spike_recs:
            rec.record_spikes(step, spikes[p].astype(np.uint32))
        self.step_no += 1

    def _route_pending(self) -> None:
        """(4) + (5) for the spikes of the last step: into the delay rings, plasticity with
        the traces of that step, then the presynaptic traces advance. The runner routes a
        step's spikes at the start of a later step (no delay is due before) and everything
        at the end of a run; the order of the operations is the same."""
        if not self.pending:
            return
        emitted = self.step_no - 1
        # The NMDA sources' gating jumps of this step, in step order (the runner's exchange).
        self.nmda_jumps = [g.spike(emitted, self.last[s]) for s, g in self.nmda_groups]
        for proj in self.projections:
            self._route(proj, emitted)
        for proj in self.projections:
            if proj.plastic is not None:
                pl = proj.plastic
                pl.x.advance(self.last[proj.src], pl.x_decay)
        self.pending = False

    def _route(self, proj: _Projection, emitted: int) -> None:
        spk = self.last[proj.src]
        idx = _ranges(proj.indptr[spk], proj.indptr[spk + 1]) if spk.size else None
        ch = proj.channel
        if idx is not None and idx.size:
            tg = proj.targets[idx]
            w = proj.w[idx]
            if proj.nmda is not None:
                # Each synapse delivers its weight times its source's gating jump.
                w = w * np.repeat(self.nmda_jumps[proj.nmda], proj.indptr[spk + 1] - proj.indptr[spk])
            if isinstance(proj.delays, int):
                np.add.at(ch.ring[(emitted + proj.delays) % ch.slots], tg, w)
            else:
                rows = (emitted + proj.delays[idx]) % ch.slots
                np.add.at(ch.ring, (rows, tg), w)
        pl = proj.plastic
        if pl is None:
            return
        post = self.last[proj.tgt]
        # Spikes of this step set off towards the synapses; then what arrives now acts.
        if idx is not None and idx.size:
            pl.pre_due.push(emitted + pl.part(pl.d_ax, idx), idx)
        if post.size:
            k = proj.post_order[_ranges(proj.post_ptr[post], proj.post_ptr[post + 1])]
            if k.size:
                pl.post_due.push(emitted + pl.part(pl.d_dend, k), k)
        k = pl.pre_due.take(emitted)
        if k.size:
            y = pl.y.back(proj.targets[k], pl.part(pl.d_dend, k))
            proj.w[k] = pl.on_pre(proj.w[k], y)
        k = pl.post_due.take(emitted)
        if k.size:
            x = pl.x.back(proj.sources[k], pl.part(pl.d_ax, k))
            proj.w[k] = pl.on_post(proj.w[k], x)
        pl.y.advance(post, pl.y_decay)

    # -- results -----------------------------------------------------------------------

    def spike_data(self, m: int, start: int = 0):
        return self.recorders[m].spike_data(start)

    def state_data(self, m: int, start: int = 0):
        return self.recorders[m].state_data(start)

    def weight_data(self, m: int, start: int = 0):
        return self.recorders[m].state_data(start)

    def rate_data(self, m: int):
        return self.recorders[m].rate_data()

    def _state(self, p: int, variable: str, channels: Optional[List[int]]) -> np.ndarray:
        """A model variable, or the sum of the input channels of a synaptic variable (in the
        runner's order of summation: channel by channel)."""
        if channels is None:
            return self.neurons[p].get(variable)
        out = np.zeros(self.neurons[p].n)
        for c in channels:
            out += self.channels[p][c].a
        return out

    def population_state(self, p: int, variable: str) -> np.ndarray:
        if variable in SYNAPTIC_VARIABLES and variable not in self.neurons[p].pop.model.state_variables:
            return self._state(p, variable, self._spec.state_monitor_channels(p, variable))
        if variable not in self.neurons[p].pop.model.state_variables:
            from ..errors import UnknownNameError

            known = ", ".join(self.neurons[p].pop.model.state_variables)
            label = self.neurons[p].pop.label
            raise UnknownNameError(
                f"Population '{label}': unknown variable '{variable}'; known: {known}",
                object=f"Population '{label}'",
                what="variable",
                name=variable,
                known=known,
            )
        return self.neurons[p].get(variable)

    def set_state(self, p: int, variable: str, values: np.ndarray) -> None:
        """Checked by ``Population.set_state``."""
        neurons = self.neurons[p]
        if neurons.kernel is not None:
            neurons.kernel.set(variable, values)
        else:
            setattr(neurons.user, variable, np.array(values, dtype=np.float64))

    def connectivity(self, j: int) -> CSR:
        p = self.projections[j]
        return CSR(p.indptr.copy(), p.targets.astype(np.uint32), p.w.copy())

    def set_weights(self, j: int, weights: np.ndarray) -> None:
        p = self.projections[j]
        obj = f"Projection '{p.pr.label}'"
        w = np.ascontiguousarray(weights, dtype=np.float64)
        if w.shape != p.w.shape:
            raise ShapeMismatchError(
                f"{obj}: weights has size {w.size}, expected {p.w.size}",
                object=obj,
                field="weights",
                got=int(w.size),
                expected=str(p.w.size),
            )
        bad = np.flatnonzero(~np.isfinite(w))
        if bad.size:
            k = int(bad[0])
            raise OutOfRangeError(
                f"{obj}: weights[{k}] = {w[k]} is out of range; valid range: any finite number",
                object=obj,
                field=f"weights[{k}]",
                value=str(w[k]),
                range="any finite number",
            )
        if p.plastic is not None:
            _check_bounds(obj, w, p.plastic)
        p.w[:] = w


def _stimulus_options(st) -> Dict[str, float]:
    """The synapse options a stimulus was given."""
    kw = st._synapse_kwargs()
    return {k: v for k, v in kw.items() if k != "synapse" and v is not None}


def _weight_sign(obj: str, w: np.ndarray) -> float:
    pos = np.flatnonzero(w > 0)
    neg = np.flatnonzero(w < 0)
    if pos.size and neg.size:
        p, n = int(pos[0]), int(neg[0])
        raise InvalidConfigurationError(
            f"{obj}: weights mix signs (weights[{p}] = {w[p]} and weights[{n}] = {w[n]}); "
            "plasticity keeps a projection's sign, so its weights must be all >= 0 or all <= 0",
            object=obj,
        )
    return -1.0 if neg.size else 1.0


def _check_bounds(obj: str, w: np.ndarray, pl: _Plastic) -> None:
    lo, hi = pl.bounds()
    bad = np.flatnonzero(~((w >= lo) & (w <= hi)))
    if bad.size:
        k = int(bad[0])
        raise OutOfRangeError(
            f"{obj}: weights[{k}] = {_fmt(w[k])} is out of range; valid range: "
            f"[{_fmt(lo)}, {_fmt(hi)}] (the STDP bounds)",
            object=obj,
            field=f"weights[{k}]",
            value=_fmt(w[k]),
            range=f"[{_fmt(lo)}, {_fmt(hi)}] (the STDP bounds)",
        )


def _fmt(x: float) -> str:
    """A float as Rust's ``Display`` writes it (``2`` not ``2.0``)."""
    x = float(x)
    return str(int(x)) if x.is_integer() and abs(x) < 1e16 else repr(x)


ENGINES: Dict[str, type] = {"rust": RustEngine, "python": PythonEngine, "mpi": MpiEngine}

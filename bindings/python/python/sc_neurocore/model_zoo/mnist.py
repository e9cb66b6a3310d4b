"""The pretrained MNIST classifier: its definition (declared once, here), the spiking
network it builds, and classification by running that network on the engine.

The network (docs/mnist.md has the method, its training and its accuracy):

- ``input``: 784 perfect integrate-and-fire neurons, one per pixel, driven by a current
  proportional to the pixel's intensity: each fires regularly, at a rate that grows with the
  intensity (one spike every ``ceil(2.5 / intensity)`` steps: 333 Hz at intensity 1; rate
  coding, deterministic).
- ``hidden``: 4,000 LIF neurons. ``input -> hidden`` is a fixed random projection (each
  synapse present with probability 0.1, weight drawn from a normal distribution of mean 0)
  drawn by the engine from the network's seed, so it is part of the definition and ships as
  the seed. The hidden neurons are silent without input (their bias current is below the
  rheobase), so each fires only in response to the image it sees.
- ``readout``: 10 non-leaky integrators (perfect integrate-and-fire neurons whose threshold
  is out of reach), one per digit, each summing ``W[k, j]`` for every spike of hidden
  neuron ``j`` plus a bias current. The weights ``W`` and biases are the trained part:
  ridge regression fitted to the hidden spike counts that the engine produced on the 8,000
  training digits (``cargo xtask train mnist``). The label of an image is the readout unit
  whose value grew the most while the image was shown.

Images are shown one after another in one run, each for a *period* of 60 ms at ``dt`` = 1
ms: a first 5 ms row that begins with the reset pulse, the image for 50 ms, then a 5 ms
gap. The reset pulse is a strong
current that makes every input and hidden neuron fire and reset to ``V_reset`` (their
refractory period is 0): every image therefore starts from exactly the same state, so the
label of an image does not depend on the images shown before it (Diehl & Cook 2015 let the
state decay during a 150 ms rest instead, which is never exact). The reset spikes reach the
readout too; they are the same in every period, and the readout's bias current cancels
them.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Optional, Tuple

import numpy as np

from .._util import check_int, same_float, type_name
from ..errors import (
    ArgumentTypeError,
    InvalidConfigurationError,
    OutOfRangeError,
    PretrainedUnavailableError,
    ShapeMismatchError,
)
from ..network.monitor import StateMonitor
from ..network.network import Network
from ..network.population import Population
from ..network.projection import Normal, Projection
from ..network.stimulus import TimedArray
from ..network.topology import CSR

__all__ = ["MnistDefinition", "DEFINITION", "MnistClassifier", "WEIGHTS_FILE", "load"]

#: The shipped weights (written by ``cargo xtask train mnist``).
WEIGHTS_FILE = Path(__file__).with_name("data") / "mnist.npz"


@dataclass(frozen=True)
class MnistDefinition:
    """Everything that defines the classifier except its trained readout. Units: seconds
    for ``dt``; ms, mV, pF and pA for the neuron parameters (the catalogue's); mV for
    ``weight_sd`` (delta synapses: the membrane jump of one input spike)."""

    #: Pixels per image (28 x 28, row-major) = input neurons.
    n_input: int = 784
    #: Hidden LIF neurons.
    n_hidden: int = 4000
    #: Digits = readout units.
    n_classes: int = 10
    #: Step of the simulation, s.
    dt: float = 1e-3
    #: Steps per row of the image stimulus (a TimedArray of one row per ``row_steps``).
    row_steps: int = 5
    #: Rows an image is shown for (presentation = ``rows_on * row_steps * dt`` = 50 ms);
    #: a period is one row before (the reset pulse), these, and one row after (the gap).
    rows_on: int = 10
    #: Current into an input neuron at intensity 1, pA (a spike every 3 steps: 333 Hz).
    input_gain: float = 1500.0
    #: The input neurons: ``perfect_if`` parameters.
    input_c_m: float = 250.0
    input_v_th: float = -55.0
    input_v_reset: float = -70.0
    #: The hidden neurons: ``lif`` parameters (t_ref is 0 for the reset pulse).
    hidden_tau_m: float = 20.0
    hidden_c_m: float = 250.0
    hidden_e_l: float = -70.0
    hidden_v_th: float = -55.0
    hidden_v_reset: float = -70.0
    hidden_i_e: float = 180.0
    #: ``input -> hidden``: synapse probability and weight sd (mean 0), mV.
    connection_probability: float = 0.1
    weight_sd: float = 3.0
    #: The reset pulse, pA, into input (first step of a period) and hidden neurons (first
    #: ``hidden_reset_steps`` steps: the input's reset spikes arrive one step later).
    reset_current: float = 1e7
    hidden_reset_steps: int = 2
    #: The readout units' capacitance, pF (their value is in mV: W in mV per spike).
    readout_c_m: float = 1.0
    #: Seed of the network (the input -> hidden projection is drawn from it).
    seed: int = 1
    #: Ridge penalties tried by training (5-fold cross-validation on the training digits).
    ridge_penalties: Tuple[float, ...] = (300.0, 1000.0, 3000.0, 10000.0, 30000.0)

    @property
    def period_steps(self) -> int:
        """Steps per image: reset row, ``rows_on`` image rows, gap row."""
        return self.row_steps * (self.rows_on + 2)

    @property
    def period(self) -> float:
        """Seconds per image."""
        return self.period_steps * self.dt

    def check(self) -> None:
        """The conditions the timeline relies on (see the module documentation)."""
        o = "MnistDefinition"
        if self.row_steps < self.hidden_reset_steps or self.hidden_reset_steps < 2:
            raise InvalidConfigurationError(
                f"{o}: the hidden reset pulse ({self.hidden_reset_steps} steps) must last at "
                "least 2 steps (the input's reset spikes arrive one step late) and fit in the "
                f"first row ({self.row_steps} steps)",
                object=o,
            )
        rheobase = (self.hidden_v_th - self.hidden_e_l) * self.hidden_c_m / self.hidden_tau_m
        if not self.hidden_i_e < rheobase:
            raise InvalidConfigurationError(
                f"{o}: hidden_i_e = {self.hidden_i_e} pA must be below the rheobase "
                f"{rheobase} pA, so that hidden neurons are silent without input",
                object=o,
            )

    def fingerprint(self) -> str:
        """SHA-256 of the definition (stored with the weights trained for it)."""
        text = json.dumps(dataclasses.asdict(self), sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()


#: The classifier's definition.
DEFINITION = MnistDefinition()


def check_images(obj: str, images: Any, n_input: int = 784) -> np.ndarray:
    """``images`` as a C-contiguous float64 array ``(n, n_input)`` of values in [0, 1]."""
    try:
        x = np.ascontiguousarray(images, dtype=np.float64)
    except (TypeError, ValueError):
        raise ArgumentTypeError(
            f"{obj}: images must be an array of numbers (n, {n_input}), got {type_name(images)}"
        ) from None
    if x.ndim != 2 or x.shape[1] != n_input:
        raise ShapeMismatchError(
            f"{obj}: images has shape {x.shape}, expected (n, {n_input}): one row of "
            f"{n_input} pixel intensities per image (28 x 28, row-major; e.g. "
            "images.reshape(len(images), -1))",
            object=obj,
            field="images",
            got=str(x.shape),
            expected=f"(n, {n_input})",
        )
    bad = np.flatnonzero(~((x >= 0.0) & (x <= 1.0)))
    if bad.size:
        r, c = divmod(int(bad[0]), n_input)
        raise OutOfRangeError(
            f"{obj}: images[{r}, {c}] = {float(x[r, c])!r} is out of range; valid range: [0, 1] "
            "(pixel intensities; divide 8-bit images by 255)",
            object=obj,
            field=f"images[{r}, {c}]",
            value=repr(float(x[r, c])),
            range="[0, 1]",
        )
    return x


class MnistClassifier(Network):
    """The spiking MNIST classifier (a :class:`~sc_neurocore.network.network.Network`):
    populations ``input`` (784), ``hidden`` (4,000) and ``readout`` (10), projections
    ``input->hidden`` and ``hidden->readout``, and a state monitor ``readout_v`` of the
    readout every period. :meth:`classify` shows it images and returns their labels;
    :meth:`present` only sets the stimuli, for a run of one's own.

    ``readout_weights`` (10 x 4,000, mV per spike) and ``readout_bias`` (10, mV per image)
    are the trained readout; :func:`load` (``load_pretrained("mnist")``) gives the shipped
    ones.
    """

    def __init__(
        self,
        readout_weights: Any,
        readout_bias: Any,
        definition: MnistDefinition = DEFINITION,
        *,
        info: Optional[Dict[str, Any]] = None,
    ) -> None:
        d = definition
        d.check()
        o = "MnistClassifier"
        w = np.ascontiguousarray(readout_weights, dtype=np.float64)
        b = np.ascontiguousarray(readout_bias, dtype=np.float64)
        if w.shape != (d.n_classes, d.n_hidden) or b.shape != (d.n_classes,):
            raise ShapeMismatchError(
                f"{o}: readout_weights has shape {w.shape} and readout_bias {b.shape}, "
                f"expected ({d.n_classes}, {d.n_hidden}) and ({d.n_classes},)",
                object=o,
                field="readout_weights",
                got=f"{w.shape}, {b.shape}",
                expected=f"({d.n_classes}, {d.n_hidden}), ({d.n_classes},)",
            )
        if not (np.all(np.isfinite(w)) and np.all(np.isfinite(b))):
            raise OutOfRangeError(
                f"{o}: the readout weights and biases must be finite",
                object=o,
                field="readout_weights",
                value="nan or inf",
                range="finite numbers",
            )
        #: The definition it was built from.
        self.definition: MnistDefinition = d
        #: The readout: ``scores = readout_weights @ hidden_counts + readout_bias``.
        self.readout_weights: np.ndarray = w
        self.readout_bias: np.ndarray = b
        #: What training recorded (accuracies, time, data), from the weights file.
        self.info: Dict[str, Any] = dict(info or {})
        inp = Population(
            "perfect_if",
            d.n_input,
            label="input",
            params=dict(
                c_m=d.input_c_m,
                v_th=d.input_v_th,
                v_reset=d.input_v_reset,
                v_init=d.input_v_reset,
                t_ref=0.0,
            ),
        )
        hidden = Population(
            "lif",
            d.n_hidden,
            label="hidden",
            params=dict(
                tau_m=d.hidden_tau_m,
                c_m=d.hidden_c_m,
                e_l=d.hidden_e_l,
                v_th=d.hidden_v_th,
                v_reset=d.hidden_v_reset,
                v_init=d.hidden_v_reset,
                i_e=d.hidden_i_e,
                t_ref=0.0,
            ),
        )
        # Every hidden neuron fires once in each step of the reset pulse; those spikes
        # reach the readout in the same period, each period: the bias cancels them.
        per_period = b - d.hidden_reset_steps * w.sum(axis=1)
        readout = Population(
            "perfect_if",
            d.n_classes,
            label="readout",
            params=dict(
                c_m=d.readout_c_m,
                i_e=per_period * d.readout_c_m / (d.period_steps * d.dt * 1e3),
                v_th=1e300,  # never reached: a non-spiking integrator
                v_reset=0.0,
                v_init=0.0,
                t_ref=0.0,
            ),
        )
        to_hidden = Projection(
            inp,
            hidden,
            weight=Normal(0.0, d.weight_sd),
            topology="random",
            probability=d.connection_probability,
            delay=d.dt,
            label="input->hidden",
        )
        dense = np.ascontiguousarray(w.T)  # rows = hidden (sources)
        to_readout = Projection(
            hidden,
            readout,
            topology=CSR(
                np.arange(0, d.n_hidden * d.n_classes + 1, d.n_classes, dtype=np.int64),
                np.tile(np.arange(d.n_classes, dtype=np.uint32), d.n_hidden),
                dense.reshape(-1),
            ),
            delay=d.dt,
            label="hidden->readout",
        )
        monitor = StateMonitor(readout, "v", interval=d.period, label="readout_v")
        super().__init__(inp, hidden, readout, to_hidden, to_readout, monitor, seed=d.seed)
        self._presented: Tuple[TimedArray, ...] = ()
        self._n_presented = 0

    # -- showing images ------------------------------------------------------------------

    def present(self, images: Any) -> float:
        """Sets the stimuli that show ``images`` ((n, 784) in [0, 1]) one per period from
        t = 0, after :meth:`reset` (monitors start empty); returns the duration of the
        presentation, seconds (``net.run(duration)`` shows them all)."""
        d = self.definition
        x = check_images("MnistClassifier.present", images, d.n_input)
        n = x.shape[0]
        rows = np.zeros((n, d.rows_on + 2, d.n_input))
        rows[:, 1 : 1 + d.rows_on, :] = (d.input_gain * x)[:, None, :]
        pulse_in = np.zeros((n, d.period_steps))
        pulse_in[:, 0] = d.reset_current
        pulse_hidden = np.zeros((n, d.period_steps))
        pulse_hidden[:, : d.hidden_reset_steps] = d.reset_current
        stimuli = (
            TimedArray(
                rows.reshape(-1, d.n_input),
                dt=d.row_steps * d.dt,
                target=self["input"],
                label="images",
            ),
            TimedArray(pulse_in.reshape(-1), dt=d.dt, target=self["input"], label="reset_input"),
            TimedArray(
                pulse_hidden.reshape(-1), dt=d.dt, target=self["hidden"], label="reset_hidden"
            ),
        )
        self.reset()
        for st in self._presented:  # the previous presentation's stimuli
            self._stimuli.remove(st)
            st._network = None
        self.add(*stimuli)
        self._presented = stimuli
        self._n_presented = n
        return n * d.period

    def run(
        self,
        duration: float,
        dt: Optional[float] = None,
        backend: str = "auto",
        progress: bool = False,
        threads: Optional[int] = None,
    ) -> None:
        """:meth:`Network.run <sc_neurocore.network.network.Network.run>` on the
        classifier's own step (``definition.dt``, 1 ms: the default here); another ``dt``
        is an error, since the timeline and the training are on that grid."""
        d = self.definition
        if dt is not None and not same_float(float(dt), d.dt):
            raise InvalidConfigurationError(
                f"MnistClassifier.run: dt = {dt} s differs from the classifier's dt = {d.dt} "
                "s (its timeline and its training are on that grid); omit dt",
                object="MnistClassifier.run",
            )
        super().run(duration, d.dt, backend, progress, threads)

    def readout_values(self) -> np.ndarray:
        """``(n, 10)``: how much each readout unit grew in each period of the run so far
        (the scores of the images presented, in their order; ``readout_weights @ counts +
        readout_bias`` with the hidden spike counts of each image)."""
        d = self.definition
        mon: StateMonitor = self["readout_v"]
        samples = mon.values  # the readout at the start of each period
        if self._engine is None:
            return np.zeros((0, d.n_classes))
        periods = self._steps // d.period_steps
        ends = np.vstack([samples[1 : periods + 1], self["readout"].get_state("v")[None, :]])
        return ends[:periods] - samples[:periods]

    def scores(self, images: Any, batch_size: int = 256, threads: Optional[int] = None) -> np.ndarray:
        """The readout values ``(n, 10)`` of ``images`` ((n, 784) in [0, 1]), simulated by
        the engine (``backend="rust"``) ``batch_size`` images per run. An image's scores do
        not depend on the others (see the module documentation)."""
        return self._scores("MnistClassifier.scores", images, batch_size, threads)

    def classify(self, images: Any, batch_size: int = 256, threads: Optional[int] = None) -> np.ndarray:
        """The digit (int64, 0-9) of each of ``images``: a float array (n, 784) of pixel
        intensities in [0, 1], one row per 28 x 28 image (row-major). Runs the network on
        the engine (``backend="rust"``), ``batch_size`` images per run; the same images give
        the same labels, whatever ``batch_size`` and ``threads``.

        Examples
        --------
        >>> net = load_pretrained("mnist")        # doctest: +SKIP
        >>> net.classify(images)                  # doctest: +SKIP
        array([7, 2, 1, ...])
        """
        scores = self._scores("MnistClassifier.classify", images, batch_size, threads)
        return np.argmax(scores, axis=1).astype(np.int64)

    def _scores(self, obj: str, images: Any, batch_size: int, threads: Optional[int]) -> np.ndarray:
        d = self.definition
        x = check_images(obj, images, d.n_input)
        batch_size = check_int(obj, "batch_size", batch_size, 1)
        out = np.zeros((x.shape[0], d.n_classes))
        for start in range(0, x.shape[0], batch_size):
            chunk = x[start : start + batch_size]
            self.run(self.present(chunk), backend="rust", threads=threads)
            out[start : start + chunk.shape[0]] = self.readout_values()
        return out

    def __repr__(self) -> str:
        acc = self.info.get("heldout_accuracy")
        tail = f", held-out accuracy {acc:.4f}" if acc is not None else ""
        return f"MnistClassifier(784 -> {self.definition.n_hidden} LIF -> 10{tail})"


def hidden_connectivity_digest(net: MnistClassifier) -> str:
    """SHA-256 of the ``input -> hidden`` synapses the engine draws from the seed (stored
    with the weights: a readout only fits the projection it was trained with)."""
    c = net["input->hidden"].csr
    h = hashlib.sha256()
    for a in (c.indptr.astype("<i8"), c.indices.astype("<u4"), c.data.astype("<f8")):
        h.update(np.ascontiguousarray(a).tobytes())
    return h.hexdigest()


def save(path: Path, net: MnistClassifier, info: Dict[str, Any]) -> None:
    """Writes the trained readout of ``net`` with what training recorded (``info``, JSON)
    and the fingerprints :func:`load` checks."""
    meta = dict(info)
    meta["definition"] = dataclasses.asdict(net.definition)
    meta["definition_sha256"] = net.definition.fingerprint()
    meta["hidden_connectivity_sha256"] = hidden_connectivity_digest(net)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as f:
        np.savez_compressed(
            f,
            readout_weights=net.readout_weights.astype(np.float32),
            readout_bias=net.readout_bias.astype(np.float32),
            info=np.array(json.dumps(meta, sort_keys=True)),
        )


def load(path: Path = WEIGHTS_FILE, *, check_connectivity: bool = True) -> MnistClassifier:
    """The classifier with the trained readout in ``path`` (default: the shipped one).

    Raises :class:`~sc_neurocore.errors.PretrainedUnavailableError` when the file is
    missing or was trained for another definition or another ``input -> hidden``
    projection (an engine whose random streams changed): retrain with ``cargo xtask train
    mnist``.
    """
    path = Path(path)
    if not path.is_file():
        raise PretrainedUnavailableError(
            f"load_pretrained: the weights of 'mnist' are missing ({path}); train them with "
            "`cargo xtask train mnist`",
            object="load_pretrained",
            name="mnist",
        )
    with np.load(path) as z:
        w = z["readout_weights"].astype(np.float64)
        b = z["readout_bias"].astype(np.float64)
        info = json.loads(str(z["info"]))
    if info.get("definition_sha256") != DEFINITION.fingerprint():
        raise PretrainedUnavailableError(
            f"load_pretrained: the weights in {path} were trained for another definition of "
            "the classifier; retrain with `cargo xtask train mnist`",
            object="load_pretrained",
            name="mnist",
        )
    net = MnistClassifier(w, b, DEFINITION, info=info)
    if check_connectivity and info.get("hidden_connectivity_sha256") != hidden_connectivity_digest(net):
        raise PretrainedUnavailableError(
            f"load_pretrained: the engine draws other input->hidden synapses from seed "
            f"{DEFINITION.seed} than the ones the weights in {path} were trained with (its "
            "random streams changed); retrain with `cargo xtask train mnist`",
            object="load_pretrained",
            name="mnist",
        )
    return net


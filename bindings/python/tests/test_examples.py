"""The Python examples of ``examples/`` run (their ``--quick`` size), draw figures whose axes
are labelled with units, and give sane numbers."""

import runpy
from pathlib import Path

import numpy as np
import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
NAMES = ("coba", "hh_fi_curve", "stdp", "analysis")


def _run(name, tmp_path):
    module = runpy.run_path(str(EXAMPLES / f"{name}.py"), run_name="example")
    fig, results = module["main"](quick=True, out=str(tmp_path))
    assert (tmp_path / f"{name}.png").is_file()
    return fig, results


def _check_labels(fig):
    """Every axis of every panel with data names its quantity and its unit, ``name (unit)``."""
    for ax in fig.axes:
        for label in (ax.get_xlabel(), ax.get_ylabel()):
            if ax.get_xlabel() == "" and label == "":  # a shared x axis above another panel
                continue
            assert label.endswith(")") and " (" in label, f"axis label {label!r} has no unit"


@pytest.mark.parametrize("name", NAMES)
def test_example_runs_and_labels_its_axes(name, tmp_path):
    import matplotlib.pyplot as plt

    fig, results = _run(name, tmp_path)
    try:
        _check_labels(fig)
        if name == "coba":
            v = results["v"]
            # Between the inhibitory reversal potential and the threshold.
            assert v.size and np.all(v >= -80.0) and np.all(v < -50.0)
            assert np.isfinite(results["rate_exc_hz"])
        elif name == "hh_fi_curve":
            i, f = results["currents"], results["rates"]
            # Type II onset: silent up to 6 uA/cm^2, then a finite rate (the limit cycle
            # appears at 6.26 uA/cm^2, Rinzel & Miller 1980), rising within the 50-150 Hz
            # band of the squid axon model.
            assert np.all(f[i <= 6.0] == 0.0)
            assert np.all((f[i >= 8.0] > 50.0) & (f[i >= 8.0] < 150.0))
            assert np.all(np.diff(f[i >= 8.0]) >= 0.0)
        elif name == "stdp":
            w = results["weights"]
            assert np.all((w >= 0.0) & (w <= 1.0))
            assert not np.array_equal(w[0], w[-1])  # the rule acted
            assert results["rate_hz"] > 0.0
        else:
            assert np.mean(results["rates"]) > 0.0
            assert np.all(np.isfinite(results["cvs"]))
    finally:
        plt.close(fig)

"""sc_neurocore.plotting, headless."""

import numpy as np
import pytest

mpl = pytest.importorskip("matplotlib")
mpl.use("Agg")

from sc_neurocore.network import Network, Population, RateMonitor, SpikeMonitor, StateMonitor
from sc_neurocore.plotting import plot_population_rate, plot_raster, plot_state


def test_plots_draw(tmp_path):
    import matplotlib.pyplot as plt

    p = Population("lif", 20, label="exc", params={"i_e": np.linspace(380, 500, 20)})
    s, r, st = SpikeMonitor(p), RateMonitor(p, 5e-3), StateMonitor(p, "v", record=[0, 1])
    Network(p, s, r, st).run(0.1, dt=1e-4)
    fig, axes = plt.subplots(4)
    ax = plot_raster(s, axes[0])
    assert len(ax.collections[0].get_offsets()) == s.count
    plot_population_rate(r, axes[1])
    plot_population_rate(s, axes[2], bin=5e-3)
    ax = plot_state(st, axes[3])
    assert len(ax.lines) == 2
    fig.savefig(tmp_path / "plots.png")
    assert (tmp_path / "plots.png").stat().st_size > 0
    assert plot_raster(s) is not None  # its own figure
    plt.close("all")
    with pytest.raises(TypeError):
        plot_raster(st)

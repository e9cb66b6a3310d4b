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


def test_plot_state_labels_the_neurons_it_draws_and_raises_for_unrecorded_ones():
    import matplotlib.pyplot as plt

    from sc_neurocore.errors import UnknownNameError

    p = Population("lif", 5, label="exc", params={"i_e": np.linspace(380, 500, 5)})
    st = StateMonitor(p, "v", record=[0, 1, 2])
    Network(p, st).run(0.02, dt=1e-4)
    with pytest.raises(UnknownNameError) as e:
        plot_state(st, neurons=[0, 7, 2])
    assert str(e.value) == "StateMonitor of 'exc': neuron 7 is not recorded; recorded: 0, 1, 2"
    ax = plot_state(st, neurons=[2, 0])
    assert [ln.get_label() for ln in ax.lines] == ["exc[2]", "exc[0]"]
    np.testing.assert_array_equal(ax.lines[0].get_ydata(), st.trace(2))
    np.testing.assert_array_equal(ax.lines[0].get_xdata(), st.t)
    assert ax.get_ylabel() == "v (mV)" and ax.get_xlabel() == "time (s)"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["exc[2]", "exc[0]"]
    plt.close("all")


def test_raster_of_several_populations_and_weight_traces():
    import matplotlib.pyplot as plt

    from sc_neurocore.network import Projection, WeightMonitor
    from sc_neurocore.plotting import plot_weights

    a = Population("lif", 5, label="a", params={"i_e": 600.0})
    b = Population("lif", 7, label="b", params={"i_e": 700.0})
    ma, mb = SpikeMonitor(a), SpikeMonitor(b)
    g = StateMonitor(b, "isyn", record=[0])
    proj = Projection(a, b, 20.0, synapse="exponential", plasticity={"w_max": 50.0, "a_plus": 1.0})
    wm = WeightMonitor(proj, synapses=[0, 3])
    Network(a, b, proj, ma, mb, g, wm).run(0.03, dt=1e-4)
    ax = plot_raster([ma, mb])
    ys = np.concatenate([c.get_offsets()[:, 1] for c in ax.collections])
    np.testing.assert_array_equal(np.sort(ys), np.sort(np.concatenate([ma.global_ids, mb.global_ids])))
    assert ax.get_ylabel() == "neuron (network-wide id)"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["a", "b"]
    assert plot_state(g).get_ylabel() == "isyn (pA)"
    ax = plot_weights(wm, unit="pA")
    assert ax.get_ylabel() == "weight (pA)" and len(ax.lines) == 2
    assert ax.lines[1].get_label() == f"a->b {wm.sources[1]}->{wm.targets[1]}"
    plt.close("all")

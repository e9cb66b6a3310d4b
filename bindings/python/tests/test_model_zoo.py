"""sc_neurocore.model_zoo: configurations and pretrained networks."""

import numpy as np
import pytest

from sc_neurocore import _native
from sc_neurocore.errors import PretrainedUnavailableError
from sc_neurocore.model_zoo import configs, pretrained
from sc_neurocore.model_zoo.configs import BRUNEL_DEFAULTS, brunel_balanced_network


def test_defaults_come_from_the_engine_zoo():
    (entry,) = [z for z in configs.zoo_networks() if z["name"] == "brunel"]
    assert BRUNEL_DEFAULTS == {p["name"]: p["default"] for p in entry["params"]}
    net = brunel_balanced_network(record=False)
    assert [p.n for p in net.populations] == [10_000, 2_500]


def test_brunel_equals_the_rust_zoo_network():
    # order 50: 200 + 50 neurons, in Python and as the Rust zoo builds it.
    net = brunel_balanced_network(200, 50, seed=4)
    net.run(0.05, dt=1e-4, threads=1)
    spec = _native.zoo_network("brunel", {"order": 50.0}, 4)
    m_e, m_i = spec.add_spike_monitor(0), spec.add_spike_monitor(1)
    runner = _native.Runner(spec, 1e-4, 1)
    runner.run_steps(500)
    for m, mon in ((m_e, net["exc_spikes"]), (m_i, net["inh_spikes"])):
        t, i, _, _ = runner.spike_data(m)
        assert t.size > 0
        np.testing.assert_array_equal(mon.spike_times, t)
        np.testing.assert_array_equal(mon.spike_ids, i)


def test_fig8_regimes_by_parameters():
    # Regime D (slow oscillations, g 4.5, eta 0.9) fires less than the default regime C.
    c = brunel_balanced_network(400, 100, v_reset=10.0)
    d = brunel_balanced_network(400, 100, v_reset=10.0, g=4.5, eta=0.9)
    for net in (c, d):
        net.run(0.1, dt=1e-4)
    assert d["exc_spikes"].count < c["exc_spikes"].count


def test_pretrained_is_honest():
    assert pretrained.available() == []
    with pytest.raises(PretrainedUnavailableError, match="model-zoo issue"):
        pretrained.load_pretrained("mnist")
    with pytest.raises(NotImplementedError):
        pretrained.load_pretrained("anything")


def test_stdp_zoo_network_is_registered_and_learns():
    (entry,) = [z for z in configs.zoo_networks() if z["name"] == "stdp"]
    assert {p["name"]: p["default"] for p in entry["params"]}["n_inputs"] == 1000.0
    spec = _native.zoo_network("stdp", {"n_post": 2.0}, 3)
    m_in, m_post = spec.add_spike_monitor(0), spec.add_spike_monitor(1)
    runner = _native.Runner(spec, 1e-4, 1)
    runner.run_steps(10_000)  # 1 s
    t_in, _, _, _ = runner.spike_data(m_in)
    t_post, _, _, _ = runner.spike_data(m_post)
    assert abs(t_in.size / 1000 - 15.0) < 1.0  # 1,000 inputs at 15 Hz
    assert t_post.size > 0


@pytest.mark.parametrize(
    "name, settings, pools",
    [
        # A reduced decision circuit (200 + 50 cells) with a strong stimulus to pool A.
        ("wang_decision", {"n_exc": 200.0, "n_inh": 50.0, "coherence": 51.2, "stim_onset": 50.0}, (0, 3)),
        # A reduced ring (256 + 64 cells) with the cue from 20 ms.
        ("compte_ring", {"n_exc": 256.0, "n_inh": 64.0, "cue_onset": 20.0}, (0, 1)),
    ],
)
def test_nmda_zoo_networks_build_and_run_from_python(name, settings, pools):
    # The networks with NMDA synapses are reachable from Python by name, take their
    # settings, and run (their behaviour is tested in crates/zoo/tests).
    (entry,) = [z for z in configs.zoo_networks() if z["name"] == name]
    assert {p["name"] for p in entry["params"]} >= set(settings)
    spec = _native.zoo_network(name, settings, 1)
    mons = [spec.add_spike_monitor(p) for p in pools]
    runner = _native.Runner(spec, 1e-4, 1)
    runner.run_steps(1_000)  # 0.1 s
    counts = [runner.spike_data(m)[0].size for m in mons]
    assert all(c > 0 for c in counts), counts
    with pytest.raises(Exception, match=rf"zoo '{name}': unknown parameter 'gain'"):
        _native.zoo_network(name, {"gain": 1.0}, 1)

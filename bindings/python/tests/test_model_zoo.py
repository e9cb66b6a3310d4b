"""sc_neurocore.model_zoo: configurations and pretrained networks."""

import numpy as np
import pytest

from sc_neurocore import _native
from sc_neurocore.model_zoo import configs
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

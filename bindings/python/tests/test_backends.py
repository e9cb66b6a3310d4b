"""The backends agree: the same seeded network gives the same spikes, states, rates and
weights on backend="python" and backend="rust", bit for bit (DESIGN.md §3), and a run that
switches backend continues in time."""

import numpy as np
import pytest

from conftest import assert_same_results, mixed_network
from sc_neurocore.network import Network, Population, SpikeMonitor


@pytest.mark.parametrize("seed", [1, 7])
def test_python_and_rust_give_identical_results(seed):
    results = {}
    for backend in ("rust", "python"):
        net, mons = mixed_network(seed)
        net.run(0.05, dt=1e-4, backend=backend)
        net.run(0.05, backend=backend)  # repeated runs continue
        assert net.last_backend == backend
        results[backend] = (net, mons)
    (nr, mr), (np_, mp) = results["rust"], results["python"]
    assert all(m.count > 0 for m in mr[:3])  # every population is active
    assert nr.t == np_.t == pytest.approx(0.1)
    assert_same_results(mr, mp, nr, np_)
    # Plastic projections did learn (same changes in both).
    w_stdp = nr.projections[4].weights
    assert np.any(w_stdp != 0.3)
    assert np.all(nr.projections[5].weights <= 0)  # inhibitory stays inhibitory


def test_threads_do_not_change_the_result():
    a, ma = mixed_network()
    b, mb = mixed_network()
    a.run(0.05, dt=1e-4, backend="rust", threads=1)
    b.run(0.05, dt=1e-4, backend="rust", threads=2)
    assert (a.threads, b.threads) == (1, 2)
    assert_same_results(ma, mb, a, b)


def test_switching_backends_continues_in_time():
    a, ma = mixed_network()
    b, mb = mixed_network()
    rng = np.random.default_rng(0)
    s, t = rng.integers(0, 2, 80), rng.integers(0, 2, 80)
    a.run(0.03, dt=1e-4, backend="rust")
    b.run(0.03, dt=1e-4, backend="rust")
    for net in (a, b):
        net.projections[0].update_plasticity(s, t, 0.01, 0.012, 20.0)
    a.run(0.03, backend="python")
    b.run(0.03, backend="rust")
    a.run(0.02, backend="rust", threads=1)  # and a change of threads
    b.run(0.02, backend="rust")
    assert a.last_backend == "rust" and a.t == pytest.approx(0.08)
    assert_same_results(ma, mb, a, b)


def test_auto_picks_rust_for_catalogue_models_and_python_otherwise():
    from test_python_models import LeakyNeuron

    p = Population("lif", 5)
    net = Network(p)
    net.run(0.001, dt=1e-4)
    assert net.last_backend == "rust"
    q = Population(LeakyNeuron, 5)
    net2 = Network(q, SpikeMonitor(q))
    net2.run(0.001, dt=1e-4)
    assert net2.last_backend == "python"


def test_brunel_on_both_backends():
    from sc_neurocore.model_zoo.configs import brunel_balanced_network

    a = brunel_balanced_network(400, 100, seed=3)
    b = brunel_balanced_network(400, 100, seed=3)
    a.run(0.05, dt=1e-4, backend="rust")
    b.run(0.05, dt=1e-4, backend="python")
    for m in ("exc_spikes", "inh_spikes"):
        assert a[m].count > 0
        np.testing.assert_array_equal(a[m].spike_times, b[m].spike_times)
        np.testing.assert_array_equal(a[m].spike_ids, b[m].spike_ids)


def test_weights_and_manual_updates_agree_after_every_short_run():
    # A run ends with everything routed (the last step's spikes and their plasticity): the
    # weights read, and those a manual update replaces, are the same on both backends.
    a, ma = mixed_network()
    b, mb = mixed_network()
    rng = np.random.default_rng(1)
    for k in range(12):
        a.run(0.0007, dt=1e-4, backend="rust")
        b.run(0.0007, dt=1e-4, backend="python")
        for pa, pb in zip(a.projections, b.projections):
            np.testing.assert_array_equal(pa.weights, pb.weights)
        if k % 3 == 2:
            s, t = rng.integers(0, 2, 80), rng.integers(0, 2, 80)
            for net in (a, b):
                net.projections[4].update_plasticity(s, t, 0.01, 0.012, 20.0)
    assert_same_results(ma, mb, a, b)


def test_poisson_neurons_drive_stdp_alike_on_both_backends():
    # Song et al.'s setting in small: Poisson input neurons (whose spikes the rule sees)
    # onto LIF neurons through plastic conductance synapses.
    from sc_neurocore.network import Projection, STDP

    results = {}
    for backend in ("rust", "python"):
        inputs = Population("poisson", 200, label="inputs", params={"rate": 15.0})
        post = Population("lif", 3, label="post",
                          params={"tau_m": 10.0, "c_m": 100.0, "e_l": -74.0, "v_th": -54.0,
                                  "v_reset": -60.0, "t_ref": 0.0, "v_init": -60.0})
        w = np.random.default_rng(0).uniform(0.0, 0.5, 600)
        from sc_neurocore.network.topology import CSR

        csr = CSR(np.arange(0, 601, 3, dtype=np.int64),
                  np.tile(np.arange(3, dtype=np.uint32), 200), w)
        net = Network(seed=5)
        net.add(inputs, post,
                Projection(inputs, post, topology=csr, synapse="conductance", e_rev=0.0,
                           tau_syn=5e-3, delay=1e-4,
                           plasticity=STDP(tau_plus=0.02, tau_minus=0.02, a_plus=0.005,
                                           a_minus=0.00525, w_min=0.0, w_max=0.5)))
        mons = [SpikeMonitor(inputs), SpikeMonitor(post)]
        net.add(mons)
        net.run(0.2, dt=1e-4, backend=backend)
        results[backend] = (net, mons)
    (nr, mr), (np_, mp) = results["rust"], results["python"]
    assert mr[0].count > 0.5 * 200 * 15 * 0.2 and mr[1].count > 0
    assert_same_results(mr, mp, nr, np_)
    assert np.any(nr.projections[0].weights != w)

"""sc_neurocore.network.projection."""

import numpy as np
import pytest

from sc_neurocore.network import STDP, Network, Population, Projection, SpikeMonitor, StepCurrent, all_to_all


def pair(n=10, m=10):
    return Population("lif", n, label="a"), Population("lif", m, label="b")


def test_csr_tuple_and_weight():
    a, b = pair(3, 2)
    csr = (np.array([0, 2, 2, 3]), np.array([0, 1, 1]), np.array([0.5, 0.2, 0.4]))
    p = Projection(a, b, topology=csr)  # weight=None: the CSR's data are the weights
    np.testing.assert_array_equal(p.weights, [0.5, 0.2, 0.4])
    np.testing.assert_array_equal(p.indptr, [0, 2, 2, 3])
    q = Projection(a, b, weight=0.1, topology=csr)  # a number: every synapse
    np.testing.assert_array_equal(q.weights, [0.1, 0.1, 0.1])
    assert q.n_synapses == 3


def test_every_named_topology_builds():
    cases = {
        "random": {"probability": 0.2},
        "fixed_indegree": {"indegree": 3},
        "fixed_outdegree": {"outdegree": 3},
        "fixed_total_number": {"total": 37},
        "small_world": {"k": 4, "p_rewire": 0.1},
        "scale_free": {"m": 2},
        "ring": {"k": 2},
        "grid": {"rows_count": 2, "cols_count": 5, "radius": 1.5},
        "all_to_all": {},
    }
    for name, kw in cases.items():
        a = Population("lif", 10, label="a")
        pr = Projection(a, a, weight=0.1, topology=name, **kw)
        Network(a, pr)
        c = pr.csr
        assert c.indptr.shape == (11,) and c.nnz > 0, name
        if name == "fixed_indegree":
            assert np.all(np.bincount(c.indices, minlength=10) == 3)
        if name == "fixed_outdegree":
            assert np.all(np.diff(c.indptr) == 3)
        if name == "fixed_total_number":
            assert c.nnz == 37


def test_same_seed_same_synapses_other_seed_others():
    def build(seed):
        a = Population("lif", 50, label="a")
        pr = Projection(a, a, topology="random", probability=0.1)
        Network(a, pr, seed=seed)
        return pr.csr.indices

    np.testing.assert_array_equal(build(1), build(1))
    assert not np.array_equal(build(1), build(2))


def test_autapse_option():
    a = Population("lif", 20, label="a")
    pr = Projection(a, a, topology="all_to_all", allow_autapses=False)
    Network(a, pr)
    assert pr.n_synapses == 20 * 19


def test_delays_shift_arrival():
    times = {}
    for d in (1e-3, 3e-3):
        a, b = pair(1, 1)
        m = SpikeMonitor(b)
        pr = Projection(a, b, weight=30.0, topology=all_to_all(1, 1), delay=d)
        Network(a, b, pr, StepCurrent(0.0, 0.0021, 2000.0, target=a), m).run(0.01, dt=1e-4)
        times[d] = m.spike_times[0]
    assert times[3e-3] - times[1e-3] == pytest.approx(2e-3)


def test_online_stdp_changes_weights_within_bounds():
    a = Population("lif", 20, label="a", params={"i_e": np.linspace(380, 450, 20)})
    pr = Projection(a, a, weight=0.5, topology="random", probability=0.5, plasticity=STDP(w_max=0.6))
    net = Network(a, pr)
    net.run(0.2, dt=1e-4)
    w = pr.weights
    assert np.any(w != 0.5) and np.all((w >= 0) & (w <= 0.6))


def test_manual_update_before_a_run_changes_the_projection_then_the_run_uses_it():
    a = Population("lif", 4, label="a")
    pr = Projection(a, a, weight=0.1, topology="ring", k=2)
    net = Network(a, pr)
    pr.update_plasticity(np.ones(4), np.ones(4), a_plus=0.05, a_minus=0.0, tau=20.0)
    np.testing.assert_allclose(pr.weights, 0.15)
    assert pr.topology is None  # now an explicit CSR with these weights
    net.run(0.001, dt=1e-4)
    np.testing.assert_allclose(pr.weights, 0.15)
    # Traces persist: a second call adds x·e^(-1/tau) + 1.
    pr.update_plasticity(np.ones(4), np.ones(4), a_plus=0.05, a_minus=0.0, tau=20.0)
    np.testing.assert_allclose(pr.weights, 0.15 + 0.05 * (np.exp(-1 / 20) + 1))


def test_weight_and_delay_distributions():
    from sc_neurocore.network import Normal

    a = Population("lif", 200, label="a", params={"i_e": np.linspace(300, 500, 200)})
    pr = Projection(a, a, weight=Normal(0.5, 0.2, min=0.0, max=1.0), topology="fixed_total_number",
                    total=4000, delay=Normal(1.5e-3, 0.75e-3, min=0.05e-3))
    m = SpikeMonitor(a)
    net = Network(a, pr, m)
    w = pr.weights
    assert w.size == 4000 and np.all((w >= 0.0) & (w <= 1.0))
    assert abs(w.mean() - 0.5) < 0.02 and 0.15 < w.std() < 0.2
    spikes = {}
    for backend in ("rust", "python"):
        a2 = Population("lif", 200, label="a", params={"i_e": np.linspace(300, 500, 200)})
        pr2 = Projection(a2, a2, weight=Normal(0.5, 0.2, min=0.0, max=1.0),
                         topology="fixed_total_number", total=4000,
                         delay=Normal(1.5e-3, 0.75e-3, min=0.05e-3))
        m2 = SpikeMonitor(a2)
        Network(a2, pr2, m2).run(0.05, dt=1e-4, backend=backend)
        spikes[backend] = (m2.spike_times.copy(), m2.spike_ids.copy())
        np.testing.assert_array_equal(pr2.weights, w)
    assert spikes["rust"][0].size > 100
    np.testing.assert_array_equal(spikes["rust"][0], spikes["python"][0])
    np.testing.assert_array_equal(spikes["rust"][1], spikes["python"][1])
    del net


def test_distribution_errors():
    from sc_neurocore.errors import InvalidConfigurationError, OutOfRangeError
    from sc_neurocore.network import Normal

    a, b = pair()
    with pytest.raises(OutOfRangeError, match=r"Projection 'a->b': weight.mean = 3 is out of range; "
                       r"valid range: \[weight.min, weight.max\] = \[0, 1\]"):
        Projection(a, b, weight=Normal(3.0, 0.1, min=0.0, max=1.0), topology="random", probability=0.5)
    with pytest.raises(OutOfRangeError, match=r"Projection 'a->b': delay.sd = -1 is out of range"):
        Projection(a, b, topology="random", probability=0.5, delay=Normal(1e-3, -1.0))
    with pytest.raises(InvalidConfigurationError, match="a weight distribution needs a named topology"):
        Projection(a, b, weight=Normal(1.0, 0.1), topology=all_to_all(10, 10))


def test_nmda_synapses():
    from sc_neurocore import _native
    from sc_neurocore.errors import InvalidConfigurationError, OutOfRangeError

    a, b = pair()
    p = Projection(a, b, weight=0.165, synapse="nmda")
    assert p.synapse == "nmda" and p.synapse_options == {}
    # Wang's (2002) defaults, as the engine fills them in: tau_rise, tau_decay (s), alpha
    # (1/s), e_rev (mV), mg (mM).
    assert _native.synapse_key("nmda") == ("nmda", 2e-3, 0.1, 500.0, 0.0, 1.0)
    q = Projection(a, b, weight=0.165, synapse="nmda", tau_decay=0.08, mg=2.0)
    assert q.synapse_options == {"tau_decay": 0.08, "mg": 2.0}
    with pytest.raises(OutOfRangeError, match=r"^Projection 'a->b': tau_rise = 0.2 is out of range; "
                       r"valid range: \(0, tau_decay = 0.1\) s$"):
        Projection(a, b, synapse="nmda", tau_rise=0.2)
    with pytest.raises(OutOfRangeError, match=r"^Projection 'a->b': alpha = -1 is out of range; "
                       r"valid range: \(0, inf\)$"):
        Projection(a, b, synapse="nmda", alpha=-1.0)
    with pytest.raises(OutOfRangeError, match=r"^Projection 'a->b': mg = -0.5 is out of range"):
        Projection(a, b, synapse="nmda", mg=-0.5)
    with pytest.raises(InvalidConfigurationError, match=r"^Projection 'a->b': synapse 'nmda' takes no "
                       r"tau_syn; its options: tau_rise, tau_decay, alpha, e_rev, mg"):
        Projection(a, b, synapse="nmda", tau_syn=5e-3)
    with pytest.raises(InvalidConfigurationError, match=r"^Projection 'a->b': synapse 'conductance' "
                       r"takes no tau_decay; its options: tau_syn, e_rev"):
        Projection(a, b, synapse="conductance", e_rev=0.0, tau_decay=0.1)


def test_nmda_input_saturates_and_is_blocked():
    # One source firing at 100 Hz onto a target held near rest: the NMDA conductance after
    # each spike follows the gating s of the source (weight x s), so a stronger Mg2+ block
    # (mg = 2) draws less current and the target depolarises less; both backends agree.
    from sc_neurocore.network import StateMonitor, TimedArray

    def run(mg, backend):
        src = Population("lif", 1, label="src", params={"t_ref": 0.5})
        tgt = Population("lif", 1, label="tgt", params={"v_th": 0.0, "tau_m": 20.0, "c_m": 500.0})
        pulses = np.zeros(1000)
        pulses[99::100] = 1e7  # a spike every 10 ms
        net = Network(seed=1)
        mon = StateMonitor(tgt, "v")
        net.add(src, tgt, TimedArray(pulses, dt=1e-4, target=src),
                Projection(src, tgt, weight=20.0, synapse="nmda", mg=mg), mon)
        net.run(0.1, dt=1e-4, backend=backend)
        return mon.values[:, 0]

    weak, strong = run(1.0, "rust"), run(2.0, "rust")
    assert weak.max() > -69.0 and strong.max() < weak.max()
    np.testing.assert_array_equal(weak, run(1.0, "python"))

"""Everything recordable, on every backend: synaptic variables (``gsyn_exc``, ``gsyn_inh``,
``gsyn_nmda``, ``isyn``), weights during a run (``WeightMonitor``), time vectors and layouts,
global spike ids; and per-synapse weights and delays from NumPy (arrays, functions,
``Normal``, ``Uniform``), ``proj.weights`` / ``proj.delays`` get and set.

References that do not use what they test: the analytic sum of each arrival's kernel at the
recorded spike times (conductances), the weights read after each one-step run (weight
samples), direct NumPy indexing of the CSR (per-synapse values), and the other backend
(python == rust, bit for bit)."""

import math

import numpy as np
import pytest

from sc_neurocore.errors import (
    ArgumentTypeError,
    InvalidConfigurationError,
    OutOfRangeError,
    ShapeMismatchError,
    UnknownNameError,
)
from sc_neurocore.network import (
    STDP,
    SYNAPTIC_VARIABLES,
    Network,
    Normal,
    PoissonInput,
    Population,
    Projection,
    SpikeMonitor,
    StateMonitor,
    Uniform,
    WeightMonitor,
)

DT = 1e-4


def channels_net():
    """Two regular sources onto a silent target through an excitatory and an inhibitory
    conductance, an exponential and an alpha current."""
    e = Population("lif", 2, label="e", params={"i_e": 600.0})
    i = Population("lif", 3, label="i", params={"i_e": 800.0})
    tgt = Population("lif", 4, label="tgt")
    projs = [
        Projection(e, tgt, 2.0, synapse="conductance", tau_syn=5e-3, e_rev=0.0, delay=1.5e-3),
        Projection(i, tgt, 3.0, synapse="conductance", tau_syn=10e-3, e_rev=-80.0, delay=1e-3),
        Projection(e, tgt, 40.0, synapse="exponential", tau_syn=2e-3, delay=0.7e-3),
        Projection(i, tgt, -25.0, synapse="alpha", tau_syn=3e-3, delay=2e-3),
    ]
    se, si = SpikeMonitor(e), SpikeMonitor(i)
    mons = {v: StateMonitor(tgt, v, record=[3, 0]) for v in ("gsyn_exc", "gsyn_inh", "isyn")}
    net = Network(e, i, tgt, *projs, se, si, *mons.values())
    inputs = [
        (se, 2.0, 1.5e-3, lambda t: np.exp(-t / 5e-3), "gsyn_exc"),
        (si, 3.0, 1e-3, lambda t: np.exp(-t / 10e-3), "gsyn_inh"),
        (se, 40.0, 0.7e-3, lambda t: np.exp(-t / 2e-3), "isyn"),
        (si, -25.0, 2e-3, lambda t: t / 3e-3 * np.exp(1 - t / 3e-3), "isyn"),
    ]
    return net, mons, inputs, tgt


@pytest.mark.parametrize("backend", ["rust", "python"])
def test_conductances_are_the_analytic_sum_of_arrivals(backend):
    net, mons, inputs, _ = channels_net()
    net.run(0.03, dt=DT, backend=backend)
    net.run(0.02)
    for var, mon in mons.items():
        assert mon.t.shape == (500,) and mon.values.shape == (500, 2)
        np.testing.assert_array_equal(mon.t, mon.times)
        want = np.zeros(500)
        for spikes, w, d, kernel, v in inputs:
            if v != var:
                continue
            for ts in spikes.spike_times:
                since = mon.t - (ts + d)
                on = since >= -DT / 2
                want[on] += w * kernel(np.maximum(since[on], 0.0))
        assert np.abs(want).max() > 1.0
        for col in range(2):
            np.testing.assert_allclose(mon.values[:, col], want, rtol=1e-9, atol=1e-9)
        np.testing.assert_array_equal(getattr(mon, var), mon.values)
    assert mons["gsyn_exc"].unit == "nS" and mons["isyn"].unit == "pA"


def test_synaptic_variables_are_the_same_on_both_backends_and_readable_as_state():
    out = {}
    for backend in ("rust", "python"):
        net, mons, _, tgt = channels_net()
        net.run(0.02, dt=DT, backend=backend)
        out[backend] = [m.values for m in mons.values()] + [tgt.get_state("gsyn_inh")]
    for a, b in zip(out["rust"], out["python"]):
        np.testing.assert_array_equal(a, b)


def test_nmda_conductance_on_both_backends():
    vals = []
    for backend in ("rust", "python"):
        src = Population("lif", 3, label="src", params={"i_e": 700.0})
        tgt = Population("lif", 2, label="tgt")
        m = StateMonitor(tgt, "gsyn_nmda", interval=1e-3)
        Network(src, tgt, Projection(src, tgt, 0.5, synapse="nmda"), m).run(0.05, dt=DT, backend=backend)
        assert m.values.shape == (50, 2) and m.values.max() > 0.1
        vals.append(m.values)
    np.testing.assert_array_equal(*vals)


def test_synaptic_variable_messages():
    p = Population("lif", 3, label="exc")
    with pytest.raises(UnknownNameError) as e:
        StateMonitor(p, "ge")
    assert str(e.value) == (
        "StateMonitor of 'exc': unknown variable 'ge'; known: v, refractory, gsyn_exc, "
        "gsyn_inh, gsyn_nmda, isyn"
    )
    assert set(SYNAPTIC_VARIABLES) == {"gsyn_exc", "gsyn_inh", "gsyn_nmda", "isyn"}
    for backend in ("rust", "python"):
        q = Population("lif", 3, label="exc")
        net = Network(
            q,
            Projection(q, q, 1.0, synapse="conductance", e_rev=0.0),
            StateMonitor(q, "gsyn_inh"),
        )
        with pytest.raises(InvalidConfigurationError) as e:
            net.run(0.001, dt=DT, backend=backend)
        assert str(e.value) == (
            "StateMonitor of 'exc': no synapses onto it make 'gsyn_inh' (conductance of the "
            "`conductance` synapses with e_rev <= -40 mV (inhibitory)); its synaptic "
            "variables: [gsyn_exc]"
        )


def stdp_net(backend_seed=3, monitors=True):
    pre = Population("lif", 30, label="pre")
    post = Population("lif", 20, label="post")
    stdp = STDP(a_plus=0.05, a_minus=0.06)
    gen = Projection(pre, post, 0.5, topology="random", probability=0.3, delay=3e-4,
                     plasticity=stdp, label="gen")
    rows = [[((s * 7 + 13 * k) % 20) for k in range(5)] for s in range(30)]
    indptr = np.arange(0, 151, 5)
    csr = Projection(pre, post, None, (indptr, np.array(rows).ravel(), np.full(150, 0.4)),
                     delay=1e-4, plasticity=stdp, label="csr")
    stat = Projection(pre, post, Normal(0.2, 0.05, min=0.0), topology="fixed_indegree",
                      indegree=4, label="static")
    drives = [PoissonInput(n, 900.0, 4.0, target=p) for p, n in ((pre, 30), (post, 20))]
    objs = [pre, post, gen, csr, stat, *drives]
    wm = [WeightMonitor(p) for p in (gen, csr, stat)] if monitors else []
    return Network(*objs, *wm, seed=backend_seed), (gen, csr, stat), wm


@pytest.mark.parametrize("backend", ["rust", "python"])
def test_recorded_weights_are_the_weights_after_each_step(backend):
    steps = 120
    chunked, projs, _ = stdp_net(monitors=False)
    chunked.run(0.0, dt=DT, backend="rust")
    after = [[p.weights.copy() for p in projs]]
    for _ in range(steps):
        chunked.run(DT)
        after.append([p.weights.copy() for p in projs])
    net, projs2, wm = stdp_net()
    net.run(steps * DT / 2, dt=DT, backend=backend)
    net.run(steps * DT / 2)
    for j, m in enumerate(wm):
        nnz = projs2[j].n_synapses
        assert m.t.shape == (steps,) and m.values.shape == (steps, nnz)
        np.testing.assert_array_equal(m.synapses, np.arange(nnz))
        for k in range(steps):
            np.testing.assert_array_equal(m.values[k], after[k][j])
        np.testing.assert_array_equal(projs2[j].weights, after[steps][j])
    assert not np.array_equal(wm[0].values[0], wm[0].values[-1])  # plasticity acted


def test_weight_monitor_selection_interval_backends_and_messages():
    got = []
    for backend in ("rust", "python"):
        net, (gen, csr, _), _ = stdp_net(monitors=False)
        m = WeightMonitor(csr, synapses=[7, 0, 7, 133], interval=5e-4)
        net.add(m)
        net.run(0.01, dt=DT, backend=backend)
        assert m.values.shape == (20, 4)
        np.testing.assert_array_equal(m.synapses, [7, 0, 7, 133])
        np.testing.assert_array_equal(m.sources, [1, 0, 1, 26])
        np.testing.assert_array_equal(m.targets, csr.indices[[7, 0, 7, 133]])
        np.testing.assert_array_equal(m.trace(7), m.values[:, 0])
        np.testing.assert_array_equal(m.t, np.arange(0, 100, 5) * DT)  # step · dt
        got.append(m.values)
    np.testing.assert_array_equal(*got)
    for backend in ("rust", "python"):
        net, (gen, csr, _), _ = stdp_net(monitors=False)
        net.add(WeightMonitor(csr, synapses=[0, 150]))
        with pytest.raises(OutOfRangeError) as e:
            net.run(0.001, dt=DT, backend=backend)
        assert str(e.value) == (
            "WeightMonitor of 'csr': synapses[1] = 150 is out of range; valid range: [0, 150) "
            "(the projection's synapses)"
        )
    with pytest.raises(ArgumentTypeError, match="must be a Projection, got Population"):
        WeightMonitor(Population("lif", 2))
    with pytest.raises(UnknownNameError, match="synapse 3 is not recorded; recorded: 7, 0, 7, 133"):
        m.trace(3)


def test_backend_switch_keeps_the_weight_record():
    a, _, wa = stdp_net()
    a.run(0.005, dt=DT, backend="rust")
    a.run(0.005, backend="python")
    b, _, wb = stdp_net()
    b.run(0.01, dt=DT, backend="rust")
    for x, y in zip(wa, wb):
        np.testing.assert_array_equal(x.values, y.values)
        np.testing.assert_array_equal(x.t, y.t)


def test_global_ids_and_offsets():
    a = Population("lif", 5, label="a", params={"i_e": 600.0})
    b = Population("lif", 7, label="b", params={"i_e": 700.0})
    ma, mb = SpikeMonitor(a), SpikeMonitor(b)
    with pytest.raises(InvalidConfigurationError, match="add the monitor"):
        ma.offset
    Network(a, b, ma, mb).run(0.02, dt=DT)
    assert ma.offset == 0 and mb.offset == 5 and mb.count > 0
    np.testing.assert_array_equal(mb.global_ids, mb.spike_ids + 5)
    assert mb.global_ids.min() >= 5 and mb.global_ids.max() < 12


# -- per-synapse values ------------------------------------------------------------------


def pair():
    src = Population("lif", 6, label="src", params={"i_e": 600.0})
    # Just below threshold: the input's weights decide its spikes.
    tgt = Population("lif", 4, label="tgt", params={"i_e": 370.0})
    return src, tgt


@pytest.mark.parametrize("backend", ["rust", "python"])
def test_weight_from_matrix_function_and_array(backend):
    rng = np.random.default_rng(0)
    W = rng.uniform(0.1, 2.0, (6, 4))
    results = []
    for weight in (W, lambda i, j: W[i, j]):
        src, tgt = pair()
        p = Projection(src, tgt, weight, topology="random", probability=0.5, label="p")
        m = SpikeMonitor(tgt)
        net = Network(src, tgt, p, m, seed=9)
        s = np.repeat(np.arange(6), np.diff(p.indptr))
        np.testing.assert_array_equal(p.weights, W[s, p.indices])
        net.run(0.1, dt=DT, backend=backend)
        np.testing.assert_array_equal(p.weights, W[s, p.indices])
        results.append(m.spike_times)
        # The same values as one per synapse.
        src2, tgt2 = pair()
        q = Projection(src2, tgt2, W[s, p.indices], topology="random", probability=0.5, label="p")
        m2 = SpikeMonitor(tgt2)
        Network(src2, tgt2, q, m2, seed=9).run(0.1, dt=DT, backend=backend)
        np.testing.assert_array_equal(m2.spike_times, m.spike_times)
    np.testing.assert_array_equal(*results)
    assert results[0].size > 0


def test_csr_weights_from_array_function_and_distributions_match_backends():
    indptr, indices = np.array([0, 2, 3, 3, 5, 6, 8]), np.array([0, 3, 1, 2, 0, 3, 1, 2])
    src, tgt = pair()
    p = Projection(src, tgt, lambda i, j: 0.1 * i + j, (indptr, indices, np.ones(8)))
    s = np.repeat(np.arange(6), np.diff(indptr))
    np.testing.assert_allclose(p.weights, 0.1 * s + indices)
    got = {}
    for dist in (Uniform(0.2, 0.4), Normal(1.0, 0.3, min=0.5)):
        for backend in ("rust", "python"):
            src, tgt = pair()
            q = Projection(src, tgt, dist, (indptr, indices, np.ones(8)), delay=Uniform(1e-3, 3e-3))
            m = SpikeMonitor(tgt)
            net = Network(src, tgt, q, m, seed=4)
            w = q.weights
            d = q.delays
            net.run(0.01, dt=DT, backend=backend)
            np.testing.assert_array_equal(q.weights, w)
            got.setdefault(repr(dist), []).append((w, d))
        (w1, d1), (w2, d2) = got[repr(dist)]
        np.testing.assert_array_equal(w1, w2)
        np.testing.assert_array_equal(d1, d2)
        assert np.all((d1 >= 1e-3) & (d1 < 3e-3))
    wu = got[repr(Uniform(0.2, 0.4))][0][0]
    assert np.all((wu >= 0.2) & (wu < 0.4)) and np.unique(wu).size == 8
    wn = got[repr(Normal(1.0, 0.3, min=0.5))][0][0]
    assert np.all(wn >= 0.5)


def test_drawn_weights_exist_once_in_a_network_and_monitored_projections_must_be_in_it():
    indptr, indices = np.array([0, 1, 2, 2, 2, 2, 2]), np.array([0, 1])
    src, tgt = pair()
    p = Projection(src, tgt, Uniform(0.0, 1.0), (indptr, indices, np.ones(2)), label="u")
    with pytest.raises(InvalidConfigurationError) as e:
        p.weights
    assert str(e.value) == (
        "Projection 'u': its weights (Uniform(low=0.0, high=1.0)) are drawn from the "
        "network's seed when the network is built; add the projection to a Network first"
    )
    net = Network(src, tgt, p)
    assert p.weights.shape == (2,)
    other = Projection(src, tgt, 1.0, label="elsewhere")
    net.add(WeightMonitor(other))
    with pytest.raises(InvalidConfigurationError) as e:
        net.run(0.001, dt=DT)
    assert str(e.value) == (
        "WeightMonitor 'WeightMonitor(elsewhere)': its projection 'elsewhere' is not in the "
        "network; add it with Network.add"
    )


def test_uniform_draws_do_not_depend_on_threads():
    ws = []
    for threads in (1, 2):
        src, tgt = pair()
        p = Projection(src, tgt, Uniform(0.0, 1.0), topology="fixed_indegree", indegree=3)
        net = Network(src, tgt, p, seed=2)
        net.run(0.001, dt=DT, threads=threads)
        ws.append(p.weights)
    np.testing.assert_array_equal(*ws)
    # 12 synapses of U(0, 1): the mean within 4 standard errors (1/sqrt(12*12)).
    assert abs(ws[0].mean() - 0.5) < 4 / 12


def test_weights_and_delays_setters():
    src, tgt = pair()
    p = Projection(src, tgt, 1.0, topology="all_to_all", delay=1e-3)
    m = SpikeMonitor(tgt)
    net = Network(src, tgt, p, m)
    W = np.arange(24, dtype=float).reshape(6, 4) / 10
    p.weights = W
    np.testing.assert_array_equal(p.weights, W.ravel())
    p.delays = lambda i, j: 1e-3 + 1e-4 * j
    np.testing.assert_allclose(p.delays, 1e-3 + 1e-4 * np.tile(np.arange(4), 6))
    net.run(0.01, dt=DT)
    p.weights = 0.5  # the running network, from the next step on
    np.testing.assert_array_equal(p.weights, np.full(24, 0.5))
    p.weights = lambda i, j: 0.1 * j
    np.testing.assert_allclose(p.weights, 0.1 * np.tile(np.arange(4), 6))
    with pytest.raises(InvalidConfigurationError) as e:
        p.delays = 2e-3
    assert str(e.value) == (
        "Projection 'src->tgt': delays are fixed once the network has run (its delay buffers "
        "are sized for them); call net.reset() first, then set proj.delays"
    )
    with pytest.raises(InvalidConfigurationError, match="distribution is drawn when the network is built"):
        p.weights = Uniform(0, 1)
    net.reset()
    p.delays = 2e-3
    np.testing.assert_array_equal(p.delays, np.full(24, 2e-3))


def test_per_synapse_messages_are_short_and_say_what_fits():
    src, tgt = pair()
    big = np.ones(10_000)
    p = Projection(src, tgt, big, topology="random", probability=0.5, label="p")
    net = Network(src, tgt, p, seed=9)
    with pytest.raises(ShapeMismatchError) as e:
        net.run(0.001, dt=DT)
    msg = str(e.value)
    assert len(msg) < 300 and "1. 1. 1." not in msg
    nnz = Projection(*pair(), 1.0, topology="random", probability=0.5)
    assert msg.startswith("Projection 'p': weight has 10000 values but the projection has ")
    assert msg.endswith(
        "synapses; give one value per synapse (" + msg.split("(")[1].split(",")[0]
        + ", in the order of proj.weights), a source × target array (6, 4), a number or a "
        "function of (sources, targets)"
    )
    del nnz
    with pytest.raises(ShapeMismatchError) as e:
        Projection(src, tgt, np.ones((4, 6)), topology="all_to_all", label="q")
    assert str(e.value) == (
        "Projection 'q': weight has shape (4, 6); a 2-d weight is source × target, (6, 4)"
    )
    with pytest.raises(ShapeMismatchError) as e:
        Projection(src, tgt, lambda i, j: np.ones(3), (np.array([0, 1, 1, 1, 1, 1, 2]), np.array([0, 1]), np.ones(2)), label="f")
    assert str(e.value) == (
        "Projection 'f': the weight function returned shape (3,), expected (2,): one value "
        "per synapse, for the source and target index arrays it is given"
    )
    with pytest.raises(ArgumentTypeError) as e:
        Projection(src, tgt, "heavy", label="s")
    assert str(e.value) == (
        "Projection 's': weight must be a number, an array (one value per synapse, or "
        "source × target), a function of (sources, targets), Normal(...) or Uniform(...); "
        "got str"
    )
    with pytest.raises(OutOfRangeError) as e:
        Uniform(2.0, 1.0)
    assert str(e.value) == (
        "Uniform: low = 2.0 is out of range; valid range: (-inf, high = 1.0], both finite"
    )
    src, tgt = pair()
    q = Projection(src, tgt, 1.0, topology="all_to_all", delay=lambda i, j: -1e-3 * (j == 2))
    with pytest.raises(OutOfRangeError) as e:
        Network(src, tgt, q).run(0.001, dt=DT)
    assert str(e.value) == (
        "Projection 'src->tgt': delays[2] = -0.001 is out of range; valid range: [0, inf)"
    )
    assert math.isfinite(1.0)

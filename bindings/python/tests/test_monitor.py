"""sc_neurocore.network.monitor."""

import numpy as np
import pytest

from sc_neurocore.network import Network, Population, RateMonitor, SpikeMonitor, StateMonitor


def driven(n=5, **kw):
    p = Population("lif", n, label="p", params={"i_e": np.linspace(380, 500, n)})
    return p


def test_spike_monitor_arrays_and_trains():
    p = driven()
    m = SpikeMonitor(p)
    net = Network(p, m)
    net.run(0.1, dt=1e-4)
    t, i = m.spike_times, m.spike_ids
    assert t.dtype == np.float64 and i.dtype == np.int64 and m.count == t.size > 0
    assert np.all(np.diff(t) >= 0)
    trains = m.spike_trains
    assert set(trains) == set(range(5))
    for k, tr in trains.items():
        np.testing.assert_array_equal(tr, t[i == k])
    np.testing.assert_array_equal(m.counts, [trains[k].size for k in range(5)])
    np.testing.assert_allclose(m.rates, m.counts / 0.1)
    assert (m.t_start, m.t_end) == (0.0, pytest.approx(0.1))
    # Times are whole steps (k+1)·dt.
    np.testing.assert_allclose(t / 1e-4, np.round(t / 1e-4), atol=1e-6)


def test_repeated_runs_append():
    p = driven()
    m, s = SpikeMonitor(p), StateMonitor(p, "v", record=[0])
    net = Network(p, m, s)
    net.run(0.05, dt=1e-4)
    c1 = m.count
    net.run(0.05)
    assert m.count > c1 and m.spike_times.max() > 0.05
    assert s.times.size == 1000 and s.times[-1] == pytest.approx(0.0999)
    net.reset()
    assert m.count == 0 and s.times.size == 0 and net.t == 0.0
    net.run(0.05, dt=1e-4)
    assert m.count == c1  # reset: the same run again


def test_state_monitor_interval_and_attribute():
    p = driven()
    s = StateMonitor(p, "v", record=[1, 3], interval=1e-3)
    Network(p, s).run(0.01, dt=1e-4)
    assert s.values.shape == (10, 2)
    np.testing.assert_allclose(s.times, np.arange(10) * 1e-3)
    np.testing.assert_array_equal(s.indices, [1, 3])
    np.testing.assert_array_equal(s.v, s.values)
    np.testing.assert_array_equal(s.trace(3), s.values[:, 1])
    assert s.values[0, 0] == -70.0  # the first sample is the initial state


def test_rate_monitor_matches_spikes():
    p = driven(10)
    r, m = RateMonitor(p, bin=5e-3), SpikeMonitor(p)
    Network(p, r, m).run(0.052, dt=1e-4)
    assert r.counts.sum() == m.count
    assert r.times.size == 11 and r.times[1] == pytest.approx(5e-3)
    expected = np.histogram(m.spike_times - 1e-9, bins=np.arange(12) * 5e-3)[0]
    np.testing.assert_array_equal(r.counts, expected)
    np.testing.assert_allclose(r.rates[:-1], r.counts[:-1] / (10 * 5e-3))
    np.testing.assert_allclose(r.rates[-1], r.counts[-1] / (10 * 2e-3))  # short last bin

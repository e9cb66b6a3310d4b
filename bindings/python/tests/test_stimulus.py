"""sc_neurocore.network.stimulus."""

import numpy as np
import pytest

from sc_neurocore.network import Network, PoissonInput, Population, SpikeMonitor, StateMonitor, StepCurrent, TimedArray


def v_trace(stim, n=1, dt=1e-4, duration=0.01, **pop):
    p = Population("lif", n, label="p", params=pop)
    m = StateMonitor(p, "v")
    Network(p, stim, m).run(duration, dt=dt)
    return m.times, m.values + 70.0


def test_target_defaults_to_the_first_population():
    a, b = Population("lif", 3, label="a"), Population("lif", 3, label="b")
    ma, mb = StateMonitor(a, "v"), StateMonitor(b, "v")
    Network(a, b, StepCurrent(0.0, 1.0, 100.0), StepCurrent(0.0, 1.0, 50.0, target=b), ma, mb).run(0.01, dt=1e-4)
    assert ma.values[-1, 0] > mb.values[-1, 0] > -70.0


def test_step_current_window():
    t, dv = v_trace(StepCurrent(0.002, 0.005, 250.0))
    assert np.all(dv[t <= 0.002] == 0) and dv[t == 0.005].item() > 0
    assert dv[(t > 0.0021) & (t <= 0.005)].min() > 0


def test_per_neuron_amplitude_and_2d_timed_array():
    t, dv = v_trace(StepCurrent(0.0, 1.0, [0.0, 250.0]), n=2)
    assert np.all(dv[:, 0] == 0) and dv[-1, 1] > 0
    vals = np.zeros((5, 2))
    vals[:, 1] = 250.0
    t, dv = v_trace(TimedArray(vals, dt=2e-3), n=2)
    assert np.all(dv[:, 0] == 0) and dv[-1, 1] > 0


def test_timed_array_holds_the_last_value():
    t, dv = v_trace(TimedArray([0.0, 250.0], dt=1e-3), duration=0.02)
    assert dv[-1, 0] > dv[50, 0] > 0  # still driven long after the last sample


def test_poisson_own_seed_and_network_seed():
    def spikes(seed_input, seed_net):
        p = Population("lif", 20, label="p")
        m = SpikeMonitor(p)
        Network(p, PoissonInput(20, 2000.0, 5.0, seed=seed_input), m, seed=seed_net).run(0.05, dt=1e-4)
        return m.spike_times

    np.testing.assert_array_equal(spikes(4, 1), spikes(4, 2))  # own seed: network seed irrelevant
    assert not np.array_equal(spikes(None, 1), spikes(None, 2))


def test_poisson_dt_equal_to_the_run_is_accepted():
    p = Population("lif", 2, label="p")
    Network(p, PoissonInput(2, 10.0, 1.0, dt=1e-3)).run(0.01, dt=0.001)


def test_poisson_rate_per_channel():
    p = Population("lif", 2, label="p")
    m = StateMonitor(p, "v")
    Network(p, PoissonInput(2, [0.0, 5000.0], 1.0), m).run(0.02, dt=1e-4)
    assert np.all(m.values[:, 0] == -70.0) and m.values[-1, 1] > -70.0


def _poisson_v(backend, **window):
    p = Population("lif", 3, label="p")
    m = StateMonitor(p, "v")
    Network(p, PoissonInput(3, 5000.0, 0.5, **window), m, seed=3).run(0.01, dt=1e-4, backend=backend)
    return m.times, m.values


def test_poisson_window_gates_input_identically_on_both_backends():
    # Steps round(onset/dt) = 20 <= k < 60: the first jump is visible in the sample of step 21
    # (a sample is the state before its step), the last change in that of step 60.
    t, v = _poisson_v("rust", onset=0.002, offset=0.006)
    _, v_py = _poisson_v("python", onset=0.002, offset=0.006)
    np.testing.assert_array_equal(v, v_py)
    assert np.all(v[:21] == -70.0) and np.any(v[21:61] > -70.0, axis=0).all()
    # After the window the membrane only relaxes towards rest: no new jumps.
    assert np.all(np.diff(v[61:], axis=0) < 0)
    # Inside the window the counts are those of the ungated input (same streams).
    _, always = _poisson_v("rust")
    np.testing.assert_array_equal(np.diff(v[20:61], axis=0) > 0, np.diff(always[20:61], axis=0) > 0)


def test_poisson_window_errors_name_the_field():
    import pytest

    from sc_neurocore.errors import OutOfRangeError

    with pytest.raises(OutOfRangeError, match=r"PoissonInput: offset = 0.001 is out of range; valid range: \(0.002, inf\]"):
        PoissonInput(3, 10.0, 1.0, onset=0.002, offset=0.001)
    p = Population("lif", 3, label="p")
    with pytest.raises(OutOfRangeError, match="must cover at least one step"):
        Network(p, PoissonInput(3, 10.0, 1.0, onset=0.002, offset=0.00202)).run(0.01, dt=1e-4)


def test_poisson_input_cannot_drive_nmda_synapses():
    from sc_neurocore.errors import InvalidConfigurationError
    from sc_neurocore.network import PoissonInput

    with pytest.raises(InvalidConfigurationError, match=r"^PoissonInput 'PoissonInput': NMDA synapses need "
                       r"presynaptic neurons .* drive the target from a 'poisson' population through an "
                       r"nmda projection instead$"):
        PoissonInput(10, 100.0, 1.0, synapse="nmda")

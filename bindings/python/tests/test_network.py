"""sc_neurocore.network.network: building, running, progress, reset."""

import numpy as np
import pytest

from sc_neurocore.errors import InvalidConfigurationError
from sc_neurocore.network import Network, Population, Projection, SpikeMonitor, StepCurrent


def small():
    p = Population("lif", 10, label="exc", params={"i_e": 450.0})
    m = SpikeMonitor(p, label="spikes")
    return Network(p, Projection(p, p, weight=0.1, topology="ring", k=2, label="rec"), m), p, m


def test_lookup_by_label_and_containers():
    net, p, m = small()
    assert net["exc"] is p and net["spikes"] is m and net["rec"].label == "rec"
    assert net.populations == (p,) and len(net.projections) == 1 and net.monitors == (m,)
    assert net.n_neurons == 10 and "Network(1 populations" in repr(net)


def test_runs_continue_in_time():
    a, _, ma = small()
    b, _, mb = small()
    a.run(0.02, dt=1e-4)
    a.run(0.03)  # dt carries over
    b.run(0.05, dt=1e-4)
    assert a.t == pytest.approx(0.05) and a.dt == 1e-4
    np.testing.assert_array_equal(ma.spike_times, mb.spike_times)


def test_zero_duration_and_default_dt():
    net, _, m = small()
    net.run(0.0)
    assert net.t == 0.0 and net.dt == 1e-4 and m.count == 0


def test_reset_runs_the_same_again_and_allows_changes():
    net, p, m = small()
    net.run(0.02, dt=1e-4)
    first = m.spike_times.copy()
    net.reset()
    assert net.last_backend is None and net.t == 0.0
    net.seed = 5
    net.add(StepCurrent(0.0, 1.0, 10.0))
    net.run(0.02, dt=2e-4)
    assert net.dt == 2e-4 and m.count > 0 and not np.array_equal(m.spike_times, first)


def test_remove_takes_objects_out_to_replace_them():
    net, p, m = small()
    drive = StepCurrent(0.0, 1.0, 500.0, target=p, label="drive")
    net.add(drive)
    net.run(0.01, dt=1e-4)
    with pytest.raises(InvalidConfigurationError, match=r"it has run \(t = 0.01 s\); call reset\(\) before removing"):
        net.remove(drive)
    net.reset()
    assert net.remove(drive) is net
    assert net.stimuli == () and drive._network is None
    with pytest.raises(InvalidConfigurationError, match="Network.remove: .* is not in this network"):
        net.remove(drive)
    # Removed objects can go into a network again; the rest runs as before.
    net.remove(m, net["rec"], p)
    assert net.populations == () and net.projections == () and net.monitors == ()
    other = Network(seed=1).add(p, m)
    other.run(0.05, dt=1e-4)
    assert m.count > 0


def test_progress_bar_simple(capsys, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_tqdm(name, *args, **kw):
        if name.startswith("tqdm"):
            raise ImportError("no tqdm here")
        return real_import(name, *args, **kw)

    monkeypatch.setattr(builtins, "__import__", no_tqdm)
    net, _, _ = small()
    net.run(0.01, dt=1e-4, progress=True)
    err = capsys.readouterr().err
    assert "100%" in err and "0.010/0.010 s simulated" in err


def test_progress_bar_python_backend(capsys):
    net, _, _ = small()
    net.run(0.01, dt=1e-4, progress=True, backend="python")
    err = capsys.readouterr().err
    assert "100%" in err


def test_keyboard_interrupt_keeps_the_steps_done():
    net, _, m = small()
    calls = []

    def boom(done, total):
        calls.append(done)
        if len(calls) == 3:
            raise KeyboardInterrupt

    from sc_neurocore.network import _progress

    class Bar:
        def __init__(self, *a, **k):
            pass

        update = staticmethod(boom)

        def close(self):
            pass

    orig = _progress.progress_bar
    import sc_neurocore.network.network as netmod

    netmod.progress_bar = lambda *a, **k: Bar()
    try:
        with pytest.raises(KeyboardInterrupt):
            net.run(0.1, dt=1e-4, progress=True)
    finally:
        netmod.progress_bar = orig
    assert 0 < net.t < 0.1
    t = net.t
    net.run(0.1 - t)  # carry on from there
    ref, _, mref = small()
    ref.run(0.1, dt=1e-4)
    np.testing.assert_array_equal(m.spike_times, mref.spike_times)

"""sc_neurocore.model_zoo: configurations (one per zoo network, built from the Rust zoo) and
pretrained networks (tests/test_pretrained_mnist.py)."""

import ast
import hashlib
import inspect
import os
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

import sc_neurocore
from sc_neurocore import _native
from sc_neurocore.errors import (
    ArgumentTypeError,
    OutOfRangeError,
    UnknownNameError,
)
from sc_neurocore.model_zoo import configs
from sc_neurocore.model_zoo.configs import BRUNEL_DEFAULTS, brunel_balanced_network
from sc_neurocore.network import Projection, SpikeMonitor, StateMonitor

ENTRIES = {z["name"]: z for z in configs.zoo_networks()}
NAMES = sorted(ENTRIES)
ROOT = Path(__file__).resolve().parents[3]


def digest(times, ids):
    """A fingerprint of a spike record (every time's bits and every id)."""
    h = hashlib.sha256()
    h.update(np.ascontiguousarray(times, dtype=np.float64).tobytes())
    h.update(np.ascontiguousarray(ids, dtype=np.uint32).tobytes())
    return h.hexdigest()[:16]


def small(name):
    """The zoo's small instance of ``name`` (its declared quick-check settings)."""
    return dict(ENTRIES[name]["small"])


def native_spikes(name, settings, seed, duration, dt):
    """``(times, ids)`` of every population of zoo network ``name`` run by the engine alone
    (``_native.zoo_network``, as ``sc-neurocore run --zoo`` builds it)."""
    spec = _native.zoo_network(name, settings, seed)
    mons = [spec.add_spike_monitor(p) for p in range(len(spec.populations()))]
    runner = _native.Runner(spec, dt, 1)
    runner.run_steps(_native.steps_for(dt, duration))
    return [runner.spike_data(m)[:2] for m in mons]


def short_run(name):
    """(duration, dt) of the quick checks: 0.1 s at the network's own step."""
    return 0.1, ENTRIES[name]["default_run"][1]


# -- one function per zoo network ------------------------------------------------------


def test_every_zoo_network_has_a_configuration_with_its_parameters():
    assert set(NAMES) <= set(configs.__all__)
    for name, z in ENTRIES.items():
        f = getattr(configs, name)
        params = inspect.signature(f).parameters
        assert list(params) == [p["name"] for p in z["params"]] + ["seed", "record"], name
        for p in z["params"]:
            sig = params[p["name"]]
            assert sig.kind is inspect.Parameter.KEYWORD_ONLY
            assert sig.default == p["default"] and type(sig.default) is (int if p["whole"] else float)
            # The docstring states each parameter's type, default, doc and unit.
            unit = "" if p["unit"] == "1" else f", in {p['unit']}"
            typ = "int" if p["whole"] else "float"
            assert f"{p['name']} : {typ}, default {sig.default}\n    {p['doc']}{unit}." in f.__doc__
        assert z["summary"].split()[0] in f.__doc__


@pytest.mark.parametrize("name", NAMES)
def test_configuration_gives_the_zoo_networks_spikes(name):
    """configs.NAME(...) rebuilt in Python runs to exactly the spikes of the zoo's own
    network (the engine alone), for the same seed."""
    duration, dt = short_run(name)
    net = getattr(configs, name)(**small(name), seed=3)
    net.run(duration, dt=dt, threads=1)
    want = native_spikes(name, small(name), 3, duration, dt)
    assert sum(t.size for t, _ in want) > 0, "no spikes: the comparison would be empty"
    for pop, (t, i) in zip(net.populations, want):
        mon = net[f"{pop.label}_spikes"]
        np.testing.assert_array_equal(mon.spike_times, t)
        np.testing.assert_array_equal(mon.spike_ids, i)


@pytest.mark.parametrize("name", NAMES)
def test_configuration_runs_alike_on_the_python_backend(name):
    a = getattr(configs, name)(**small(name), seed=5)
    b = getattr(configs, name)(**small(name), seed=5)
    duration, dt = short_run(name)
    a.run(duration, dt=dt, backend="rust", threads=1)
    b.run(duration, dt=dt, backend="python")
    assert sum(m.count for m in a.monitors if isinstance(m, SpikeMonitor)) > 0
    for ma, mb in zip(a.monitors, b.monitors):
        if isinstance(ma, SpikeMonitor):
            np.testing.assert_array_equal(ma.spike_times, mb.spike_times)
            np.testing.assert_array_equal(ma.spike_ids, mb.spike_ids)
        else:  # a state monitor the network declares (the MNIST classifier's readout)
            assert isinstance(ma, StateMonitor)
            np.testing.assert_array_equal(ma.values, mb.values)
    for pa, pb in zip(a.projections, b.projections):
        np.testing.assert_array_equal(pa.weights, pb.weights)


def _cli():
    exe = os.environ.get("SC_NEUROCORE_CLI") or shutil.which("sc-neurocore")
    if exe is None and (ROOT / "target" / "release" / "sc-neurocore").is_file():
        exe = str(ROOT / "target" / "release" / "sc-neurocore")
    return exe


@pytest.mark.parametrize("name", NAMES)
def test_configuration_gives_the_command_lines_spikes(name, tmp_path):
    """`sc-neurocore run --zoo NAME --set ...` writes the spikes configs.NAME(...) runs to."""
    exe = _cli()
    if exe is None:
        pytest.skip("the sc-neurocore binary is not built (cargo build --release -p sc-neurocore)")
    duration, dt = short_run(name)
    cmd = [exe, "run", "--zoo", name, "--duration", str(duration), "--dt", repr(dt), "--seed", "3",
           "--threads", "1", "--out", str(tmp_path)]
    for k, v in small(name).items():
        cmd += ["--set", f"{k}={v!r}"]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    out = np.load(tmp_path / "spikes.npz")
    net = getattr(configs, name)(**small(name), seed=3)
    net.run(duration, dt=dt, threads=1)
    offsets = np.cumsum([0] + [p.n for p in net.populations])
    assert out["t"].size > 0
    for k, pop in enumerate(net.populations):
        mine = out["pop"] == k
        mon = net[f"{pop.label}_spikes"]
        np.testing.assert_array_equal(out["t"][mine], mon.spike_times)
        np.testing.assert_array_equal(out["i"][mine] - offsets[k], mon.spike_ids)


def test_configurations_are_ordinary_networks_to_extend():
    """A configuration's objects are the package's: inspect them, add a monitor and a
    projection, run on both backends."""
    nets = []
    for backend in ("rust", "python"):
        net = configs.ping(n_exc=40, n_inh=10, seed=2)
        exc, inh = net["exc"], net["inh"]
        assert [p.label for p in net.populations] == ["exc", "inh"]
        assert net["e->i"].synapse == "exponential" and net["e->i"].tau_syn == 2e-3
        assert net["e->i"].delay == 0.5e-3  # the zoo's 0.5 ms, in the network's seconds
        assert exc.params["i_e"].shape == (40,)  # per-neuron drives drawn by the zoo
        net.add(
            Projection(exc, exc, weight=0.5, topology="random", probability=0.1,
                       synapse="exponential", tau_syn=2e-3, label="e->e"),
            StateMonitor(exc, "v", record=[0, 3]),
        )
        net.run(0.1, dt=1e-4, backend=backend, threads=1)
        nets.append(net)
    a, b = nets
    assert a["exc_spikes"].count > 0
    np.testing.assert_array_equal(a["exc_spikes"].spike_times, b["exc_spikes"].spike_times)
    np.testing.assert_array_equal(a.monitors[-1].values, b.monitors[-1].values)
    plain = configs.ping(n_exc=40, n_inh=10, seed=2)
    plain.run(0.1, dt=1e-4)
    assert plain["exc_spikes"].count != a["exc_spikes"].count  # the extension acts


def test_record_false_adds_no_monitor():
    net = configs.synfire(n_groups=2, group_size=10, record=False)
    assert net.monitors == ()
    assert [p.label for p in net.populations] == ["packet", "group1", "group2"]


def test_exported_description_covers_every_kind_of_object():
    """The zoo's networks use every kind of connectivity, delay, synapse and stimulus the
    export carries; each survives the round trip."""
    poly = configs.polychronization(**small("polychronization"))
    assert poly["exc"].topology is None and poly["exc"].plasticity is not None
    assert np.ndim(poly["exc"].delay) == 1  # per-synapse delays
    micro = configs.microcircuit(**small("microcircuit"))
    pr = micro.projections[0]
    assert pr.topology == "fixed_total_number" and type(pr.weight).__name__ == "Normal"
    assert type(pr.delay).__name__ == "Normal"
    syn = configs.synfire(n_groups=2, group_size=10)
    packet = syn.stimuli[0]  # the stimulus, labelled as its population
    assert type(packet).__name__ == "TimedArray" and packet.values.ndim == 2
    assert packet.target is syn.populations[0]
    coba = configs.coba(**small("coba"))
    assert len(coba._initial_synaptic) == 4
    assert coba["e->e"].synapse == "conductance" and coba["e->e"].e_rev == 0.0


# -- brunel_balanced_network (the tutorial's) --------------------------------------------


# Recorded from the Python re-description of Brunel's network that this module had before
# it was built from the Rust zoo (0.05 s at 0.1 ms, 1 thread; the spikes were unchanged by
# that), then re-recorded when the Poisson drive started at t = D, as NEST's example has it.
PINNED = {
    (800, 200, 1): ((2129, "d52c36d93168cba5"), (537, "9c34ff49e7a08515")),
    (300, 70, 2): ((861, "13c517c4b4f4df00"), (198, "d0ab2cdd252427d7")),
    (200, 50, 4): ((575, "32be01255c14948a"), (140, "092c8313423872c5")),
}


@pytest.mark.parametrize("sizes", sorted(PINNED))
def test_brunel_balanced_network_spikes_are_pinned(sizes):
    n_exc, n_inh, seed = sizes
    net = brunel_balanced_network(n_exc=n_exc, n_inh=n_inh, seed=seed)
    net.run(duration=0.05, dt=1e-4, threads=1)
    got = tuple(
        (net[m].count, digest(net[m].spike_times, net[m].spike_ids))
        for m in ("exc_spikes", "inh_spikes")
    )
    assert got == PINNED[sizes]


def test_brunel_balanced_network_is_the_zoo_brunel():
    # 4:1 sizes are the zoo's `order`; other sizes its n_exc / n_inh.
    net = brunel_balanced_network(200, 50, seed=4)
    net.run(0.05, dt=1e-4, threads=1)
    for (t, i), m in zip(native_spikes("brunel", {"order": 50.0}, 4, 0.05, 1e-4),
                         ("exc_spikes", "inh_spikes")):
        assert t.size > 0
        np.testing.assert_array_equal(net[m].spike_times, t)
        np.testing.assert_array_equal(net[m].spike_ids, i)
    a = brunel_balanced_network(300, 70, seed=2, g=6.0, delay=2.0)
    b = configs.brunel(n_exc=300, n_inh=70, seed=2, g=6.0, delay=2.0)
    for n in (a, b):
        n.run(0.03, dt=1e-4, threads=1)
    np.testing.assert_array_equal(a["exc_spikes"].spike_times, b["exc_spikes"].spike_times)
    assert [p.n for p in a.populations] == [300, 70]


def test_defaults_come_from_the_engine_zoo():
    (entry,) = [z for z in configs.zoo_networks() if z["name"] == "brunel"]
    assert BRUNEL_DEFAULTS == {p["name"]: p["default"] for p in entry["params"]}
    assert BRUNEL_DEFAULTS["delay"] == 1.5  # ms, as brunel_balanced_network takes it
    net = brunel_balanced_network(record=False)
    assert [p.n for p in net.populations] == [10_000, 2_500]
    assert net.projections[0].delay == 1.5e-3  # the network's own time: seconds


def test_fig8_regimes_by_parameters():
    # Regime D (slow oscillations, g 4.5, eta 0.9) fires less than regime C (AI, g 5, eta 2).
    c = brunel_balanced_network(400, 100, v_reset=10.0)
    d = brunel_balanced_network(400, 100, v_reset=10.0, g=4.5, eta=0.9)
    for net in (c, d):
        net.run(0.1, dt=1e-4)
    assert d["exc_spikes"].count < c["exc_spikes"].count
    ai = configs.brunel_ai(order=100)
    assert ai["i->e"].weight == -5.0 * 0.1  # g 5 (Fig. 8C), j 0.1 mV


# -- bad input ----------------------------------------------------------------------------


def test_unknown_parameter_lists_the_valid_names():
    with pytest.raises(UnknownNameError) as e:
        configs.brunel(gain=1.0)
    assert str(e.value) == (
        "configs.brunel: unknown parameter 'gain'; known: order, n_exc, n_inh, epsilon, g, "
        "eta, j, delay, tau_m, theta, v_reset, t_ref, seed, record"
    )
    with pytest.raises(UnknownNameError) as e:
        brunel_balanced_network(800, 200, order=200)
    assert str(e.value) == (
        "configs.brunel_balanced_network: unknown parameter 'order'; known: epsilon, g, eta, "
        "j, delay, tau_m, theta, v_reset, t_ref, seed, record"
    )
    with pytest.raises(UnknownNameError, match="configs.ping: unknown parameter 'n'; known: n_exc, n_inh"):
        configs.ping(n=10)


def test_a_delay_in_seconds_is_refused_with_the_unit():
    with pytest.raises(OutOfRangeError) as e:
        brunel_balanced_network(800, 200, delay=0.0015)
    assert str(e.value) == (
        "zoo 'brunel': delay = 0.0015 is out of range; valid range: 0 or at least 0.01 ms in "
        "magnitude; delay is in ms and 0.0015 looks like seconds (delay = 1.5 for 0.0015 s)"
    )
    with pytest.raises(OutOfRangeError, match="zoo 'cuba': tau_e = 0.005 is out of range"):
        configs.cuba(tau_e=5e-3)


def test_bad_values_are_named():
    with pytest.raises(OutOfRangeError, match=r"zoo 'ping': n_exc = 10.5 is out of range; valid range: whole numbers in \[1, 1000000000\] \(a count\)"):
        configs.ping(n_exc=10.5)
    with pytest.raises(OutOfRangeError, match=r"zoo 'brunel_sr': g = -1 is out of range; valid range: \[0, inf\)"):
        configs.brunel_sr(g=-1.0)
    with pytest.raises(ArgumentTypeError, match="configs.coba: we must be a number, got str '6'"):
        configs.coba(we="6")
    with pytest.raises(ArgumentTypeError, match="configs.stdp: record must be True or False, got int 1"):
        configs.stdp(record=1)
    with pytest.raises(OutOfRangeError, match=r"configs.brunel_balanced_network: n_exc = 0 is out of range"):
        brunel_balanced_network(0, 10)
    with pytest.raises(TypeError):
        configs.ping(40)  # keywords only


# -- the stub -------------------------------------------------------------------------------


def test_stub_matches_the_runtime_functions():
    """configs.pyi (cargo xtask codegen, from the Rust zoo) has every function with the
    runtime's keyword arguments, defaults and docstring."""
    pkg = Path(sc_neurocore.__file__).parent
    tree = ast.parse((pkg / "model_zoo" / "configs.pyi").read_text())
    funcs = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
    (all_node,) = [n for n in tree.body if isinstance(n, ast.Assign) and n.targets[0].id == "__all__"]
    assert ast.literal_eval(all_node.value) == configs.__all__
    generated = _native.zoo_python_docs()
    assert set(generated) == set(NAMES) | {"brunel_balanced_network"}
    for name in configs.__all__:
        obj = getattr(configs, name)
        if not callable(obj):
            continue
        node = funcs[name]
        if name in generated:
            assert obj.__doc__ == generated[name]
            assert ast.get_docstring(node) == inspect.cleandoc(obj.__doc__), name
        sig = inspect.signature(obj)
        args = node.args
        stub = [(a.arg, ast.literal_eval(d)) for a, d in zip(
            args.args[len(args.args) - len(args.defaults):] + args.kwonlyargs,
            args.defaults + args.kw_defaults)]
        runtime = [(p.name, p.default) for p in sig.parameters.values()
                   if p.default is not inspect.Parameter.empty]
        assert stub == runtime, name
        for a, d in stub:
            assert type(d) is type(sig.parameters[a].default), (name, a)


def test_stdp_zoo_network_is_registered_and_learns():
    (entry,) = [z for z in configs.zoo_networks() if z["name"] == "stdp"]
    assert {p["name"]: p["default"] for p in entry["params"]}["n_inputs"] == 1000.0
    spec = _native.zoo_network("stdp", {"n_post": 2.0}, 3)
    m_in, m_post = spec.add_spike_monitor(0), spec.add_spike_monitor(1)
    runner = _native.Runner(spec, 1e-4, 1)
    runner.run_steps(10_000)  # 1 s
    t_in, _, _, _ = runner.spike_data(m_in)
    t_post, _, _, _ = runner.spike_data(m_post)
    # 1,000 Poisson inputs at 15 Hz for 1 s: a Poisson count of mean 15,000 (sd 122).
    assert abs(t_in.size - 15_000) < 5 * np.sqrt(15_000), t_in.size
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

"""sc_neurocore.network.plasticity: the STDP parameters object."""

import numpy as np
import pytest

from sc_neurocore.errors import ArgumentTypeError
from sc_neurocore.network import STDP, Network, Population, Projection
from sc_neurocore.network.plasticity import stdp_parameter_info


def test_defaults_come_from_the_engine():
    info = {p["name"]: p for p in stdp_parameter_info()}
    s = STDP()
    for name in ("tau_plus", "tau_minus", "a_plus", "a_minus", "w_min", "w_max"):
        assert getattr(s, name) == info[name]["default"]
        assert info[name]["unit"] in ("s", "weight")
    assert s.mode == "additive"
    assert s.as_dict()["tau_plus"] == 0.02


def test_forms_of_the_plasticity_argument():
    a = Population("lif", 5, label="a")
    for form in ("stdp", STDP(a_plus=0.02), {"a_plus": 0.02, "mode": "multiplicative"}):
        pr = Projection(a, a, weight=0.5, topology="all_to_all", plasticity=form)
        assert isinstance(pr.plasticity, STDP)
    with pytest.raises(ArgumentTypeError, match="plasticity must be None, 'stdp'"):
        Projection(a, a, plasticity=3)
    with pytest.raises(ArgumentTypeError, match="STDP: a_plus must be a number"):
        STDP(a_plus="big")


def test_inhibitory_weights_stay_inhibitory():
    a = Population("lif", 20, label="a", params={"i_e": np.linspace(380, 460, 20)})
    pr = Projection(a, a, weight=-0.5, topology="random", probability=0.5,
                    plasticity=STDP(a_plus=0.05, a_minus=0.05))
    Network(a, pr).run(0.2, dt=1e-4)
    w = pr.weights
    assert np.all(w <= 0) and np.all(w >= -1.0) and np.any(w != -0.5)


def _delay_convention_run(backend, fraction, delay):
    """Two LIF populations driven to fire, a plastic projection with per-synapse delays."""
    rng = np.random.default_rng(3)
    a = Population("lif", 30, label="a", params={"i_e": rng.uniform(380, 460, 30)})
    b = Population("lif", 20, label="b", params={"i_e": rng.uniform(380, 460, 20)})
    pr = Projection(a, b, weight=0.5, topology="all_to_all", delay=delay,
                    plasticity=STDP(a_plus=0.01, a_minus=0.012,
                                    dendritic_delay_fraction=fraction))
    net = Network(seed=4)
    net.add(a, b, pr)
    net.run(0.2, dt=1e-4, backend=backend)
    return pr.weights


@pytest.mark.parametrize("fraction", [0.0, 0.5, 1.0])
def test_delay_conventions_agree_on_both_backends(fraction):
    # Per-synapse delays from 0.1 to 6 ms: the rings of pending arrivals and the trace
    # histories of both backends are exercised.
    delay = np.linspace(1e-4, 6e-3, 30 * 20)
    rust = _delay_convention_run("rust", fraction, delay)
    python = _delay_convention_run("python", fraction, delay)
    assert np.any(rust != 0.5)
    np.testing.assert_array_equal(rust, python)


def test_the_delay_fraction_changes_what_is_learned():
    # NEST's convention (the default) and Brian2's pair the same spikes at times 2·delay apart.
    nest = _delay_convention_run("rust", 1.0, 3e-3)
    brian = _delay_convention_run("rust", 0.0, 3e-3)
    assert not np.array_equal(nest, brian)
    assert STDP().dendritic_delay_fraction == 1.0


def test_a_delay_fraction_outside_zero_one_is_named():
    with pytest.raises(Exception, match=r"dendritic_delay_fraction = 1\.5 is out of range; "
                                        r"valid range: \[0, 1\]"):
        STDP(dendritic_delay_fraction=1.5)

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

"""Ready network configurations, built from the public API (so the result is an ordinary
:class:`~sc_neurocore.network.network.Network` that can be inspected, extended and run on
any backend).

The parameters and their defaults come from the engine's zoo (``sc-neurocore zoo``); the
construction is that of the Rust zoo's ``brunel`` network, generalised to any numbers of
excitatory and inhibitory neurons (a test checks that both give identical spikes).
"""

from __future__ import annotations

from typing import Any, Dict, List

from .. import _native
from .._util import check_float, check_int
from ..errors import UnknownNameError
from ..network.monitor import SpikeMonitor
from ..network.network import Network
from ..network.population import Population
from ..network.projection import Projection
from ..network.stimulus import PoissonInput

__all__ = ["brunel_balanced_network", "zoo_networks", "BRUNEL_DEFAULTS"]


def zoo_networks() -> List[Dict[str, Any]]:
    """The engine's zoo networks: dicts ``name, summary, params, default_run``."""
    return list(_native.zoo_entries())


def _defaults(name: str) -> Dict[str, float]:
    for z in _native.zoo_entries():
        if z["name"] == name:
            return {p["name"]: float(p["default"]) for p in z["params"]}
    raise UnknownNameError(  # pragma: no cover - the zoo always has brunel
        f"zoo: unknown network '{name}'", object="zoo", what="network", name=name, known=""
    )


#: Defaults of Brunel's network from the engine's zoo (``delay`` in ms there).
BRUNEL_DEFAULTS: Dict[str, float] = _defaults("brunel")


def brunel_balanced_network(
    n_exc: int = 4 * int(BRUNEL_DEFAULTS["order"]),
    n_inh: int = int(BRUNEL_DEFAULTS["order"]),
    *,
    epsilon: float = BRUNEL_DEFAULTS["epsilon"],
    g: float = BRUNEL_DEFAULTS["g"],
    eta: float = BRUNEL_DEFAULTS["eta"],
    j: float = BRUNEL_DEFAULTS["j"],
    delay: float = BRUNEL_DEFAULTS["delay"] * 1e-3,
    tau_m: float = BRUNEL_DEFAULTS["tau_m"],
    theta: float = BRUNEL_DEFAULTS["theta"],
    v_reset: float = BRUNEL_DEFAULTS["v_reset"],
    t_ref: float = BRUNEL_DEFAULTS["t_ref"],
    seed: int = 1,
    record: bool = True,
) -> Network:
    """Brunel's (2000) sparse balanced network of LIF neurons (model A), as NEST's
    ``brunel_delta_nest.py`` builds it, with ``n_exc`` excitatory and ``n_inh``
    inhibitory neurons.

    Each neuron receives ``C_E = int(epsilon·n_exc)`` excitatory and ``C_I =
    int(epsilon·n_inh)`` inhibitory synapses (fixed in-degree, autapses and multapses
    allowed), delta synapses of ``j`` mV (``-g·j`` inhibitory) with one ``delay``
    (seconds), and independent Poisson drive of rate ``eta·nu_th·C_E`` with ``nu_th =
    theta / (j·C_E·tau_m)``, each input spike ``j`` mV, reaching the neurons from ``delay``
    on (NEST connects its generator with that delay). LIF with ``tau_m`` (ms), threshold
    ``theta`` (mV, rest 0), reset ``v_reset``, refractory ``t_ref`` (ms). Brunel's Fig. 8
    regimes: A (g 3, eta 2), B (g 6, eta 4), C (g 5, eta 2), D (g 4.5, eta 0.9), with
    ``v_reset=10``.

    The default size (10,000 + 2,500) is the engine's default network (``sc-neurocore
    run``); it runs at ``dt = 1e-4`` s in the reference. With ``record=True`` the network
    has spike monitors ``net["exc_spikes"]`` and ``net["inh_spikes"]``; the populations are
    ``net["exc"]`` and ``net["inh"]``.
    """
    o = "brunel_balanced_network"
    n_exc = check_int(o, "n_exc", n_exc, 1)
    n_inh = check_int(o, "n_inh", n_inh, 1)
    epsilon, g, eta, j = (check_float(o, k, v) for k, v in (("epsilon", epsilon), ("g", g), ("eta", eta), ("j", j)))
    tau_m, theta = check_float(o, "tau_m", tau_m), check_float(o, "theta", theta)
    delay = check_float(o, "delay", delay)
    c_e = int(epsilon * n_exc)
    c_i = int(epsilon * n_inh)
    lif = {
        "tau_m": tau_m,
        "c_m": 1.0,
        "e_l": 0.0,
        "v_th": theta,
        "v_reset": check_float(o, "v_reset", v_reset),
        "t_ref": check_float(o, "t_ref", t_ref),
        "v_init": 0.0,
    }
    exc = Population("lif", n_exc, label="exc", params=lif)
    inh = Population("lif", n_inh, label="inh", params=lif)
    net = Network(exc, inh, seed=seed)
    for src, k, w, name in ((exc, c_e, j, "e"), (inh, c_i, -g * j, "i")):
        for tgt, tname in ((exc, "e"), (inh, "i")):
            net.add(
                Projection(
                    src,
                    tgt,
                    weight=w,
                    topology="fixed_indegree",
                    indegree=k,
                    delay=delay,
                    label=f"{name}->{tname}",
                )
            )
    nu_th = theta / (j * c_e * tau_m) * 1e3 if c_e > 0 and j != 0 else 0.0
    rate = eta * nu_th * c_e
    net.add(
        PoissonInput(n_exc, rate, j, target=exc, label="drive_e", onset=delay),
        PoissonInput(n_inh, rate, j, target=inh, label="drive_i", onset=delay),
    )
    if record:
        net.add(SpikeMonitor(exc, label="exc_spikes"), SpikeMonitor(inh, label="inh_spikes"))
    return net

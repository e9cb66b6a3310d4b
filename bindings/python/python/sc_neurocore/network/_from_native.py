"""A network description built by the engine (a ``_native.NetworkSpec``, e.g. a zoo network)
rebuilt out of this package's own objects.

``NetworkSpec.export()`` gives every value the description holds (``bindings/python/src/
export.rs``); this module turns them into :class:`Population`, :class:`Projection`, the
stimuli, initial synaptic states and monitors, in the description's order. The result is an
ordinary :class:`Network` that describes itself to the engine (``_engines.describe``) as the
same network, object for object and float for float, so that it runs to the same spikes on
every backend, and that users can inspect and extend.
"""

from __future__ import annotations

import math
from typing import Any, Dict, List, Tuple

from .monitor import RateMonitor, SpikeMonitor, StateMonitor
from .network import Network
from .plasticity import STDP
from .population import Population
from .projection import Normal, Projection
from .stimulus import PoissonInput, StepCurrent, Stimulus, TimedArray

__all__ = ["network_from_native"]


def _normal(bounds: Tuple[float, float, float, float]) -> Normal:
    mean, sd, lo, hi = bounds
    return Normal(mean, sd, min=None if lo == -math.inf else lo, max=None if hi == math.inf else hi)


def _projection(d: Dict[str, Any], pops: List[Population]) -> Projection:
    kw: Dict[str, Any] = dict(
        synapse=d["synapse"],
        tau_syn=d["tau_syn"],
        e_rev=d["e_rev"],
        delay=d["delay"] if d["delay_normal"] is None else _normal(d["delay_normal"]),
        plasticity=None if d["stdp"] is None else STDP(**d["stdp"]),
        label=d["label"],
    )
    # NMDA's own options, given only for that kind (the others refuse them).
    kw.update({k: d[k] for k in ("tau_rise", "tau_decay", "alpha", "mg") if d.get(k) is not None})
    src, tgt = pops[d["source"]], pops[d["target"]]
    if d["topology"] is not None:
        weight = d["weight"] if d["weight_normal"] is None else _normal(d["weight_normal"])
        return Projection(
            src,
            tgt,
            weight=weight,
            topology=d["topology"],
            allow_autapses=d["allow_autapses"],
            allow_multapses=d["allow_multapses"],
            **kw,
            **d["topology_kwargs"],
        )
    return Projection(src, tgt, topology=(d["indptr"], d["indices"], d["data"]), **kw)


def _stimulus(d: Dict[str, Any], pops: List[Population]) -> Stimulus:
    target = pops[d["target"]]
    kind = d["kind"]
    if kind == "PoissonInput":
        return PoissonInput(
            d["n"],
            d["rate_hz"],
            d["weight"],
            seed=d["seed"],
            target=target,
            synapse=d["synapse"],
            tau_syn=d["tau_syn"],
            e_rev=d["e_rev"],
            onset=d["onset"],
            offset=d["offset"],
            label=d["label"],
        )
    if kind == "StepCurrent":
        return StepCurrent(d["onset"], d["offset"], d["amplitude"], target=target, label=d["label"])
    if kind == "TimedArray":
        return TimedArray(d["values"], d["dt"], target=target, label=d["label"])
    raise NotImplementedError(  # pragma: no cover - export.rs names every kind
        f"network_from_native: stimulus kind '{kind}' has no Python class"
    )


def network_from_native(spec: Any, *, record: bool = False) -> Network:
    """The network ``spec`` (a ``_native.NetworkSpec``) describes, as a :class:`Network` of
    this package's objects. With ``record``, every population without a spike monitor gets
    one labelled ``<population>_spikes``."""
    d = spec.export()
    net = Network(seed=d["seed"])
    pops = [
        Population(p["model"], p["n"], label=p["label"], params=p["params"])
        for p in d["populations"]
    ]
    net.add(pops)
    net.add([_projection(p, pops) for p in d["projections"]])
    net.add([_stimulus(s, pops) for s in d["stimuli"]])
    for s in d["initial_synaptic_states"]:
        net.set_initial_synaptic_state(
            pops[s["population"]], s["synapse"], s["values"], tau_syn=s["tau_syn"], e_rev=s["e_rev"]
        )
    recorded = set()
    for m in d["monitors"]:
        pop = pops[m["population"]]
        if m["kind"] == "spikes":
            recorded.add(m["population"])
            net.add(SpikeMonitor(pop, label=f"{pop.label}_spikes"))
        elif m["kind"] == "state":
            net.add(StateMonitor(pop, m["variable"], record=m["indices"], interval=m["interval"]))
        else:
            net.add(RateMonitor(pop, bin=m["bin"]))
    if record:
        net.add(
            [
                SpikeMonitor(pop, label=f"{pop.label}_spikes")
                for k, pop in enumerate(pops)
                if k not in recorded
            ]
        )
    return net

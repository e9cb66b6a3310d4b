"""Every committed reference case of the analysis toolkit through the Python API.

``reference/analysis/<family>.json`` holds cases ``{args, expected}`` computed by Elephant
1.2.1, PySpike 0.9.0, SciPy 1.17.1 or a NumPy transcription of the catalogue
(``scripts/reference/analysis/<family>.py``). Each case is called as
``sc_neurocore.analysis.<name>(**args)`` — the argument names are the catalogue's, so this
also checks the Python signatures — and compared with the catalogue's G11 tolerances, the
same as the Rust tests of ``crates/analysis/tests``: closed forms and counts rtol 1e-9
(integers exactly), FFT- and optimiser-based results rtol 1e-7 (1e-5 for the multitaper
coherence, which Elephant averages in complex64), with the absolute tolerances given below.
A case whose expected value is ``{"error": ...}`` must raise ``ValueError``.

The surrogates (family 6) have no reference values (catalogue: checked by properties); they
are tested in ``test_analysis.py``.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

import sc_neurocore.analysis as an

REF = Path(__file__).resolve().parents[3] / "reference" / "analysis"
FAMILIES = ["rates", "correlation", "distances", "spectral", "population", "spike_triggered",
            "kernels", "bursts", "binning"]
pytestmark = pytest.mark.skipif(not REF.is_dir(), reason="reference/analysis is not beside the tests")

_cache: dict = {}


def family(name: str) -> dict:
    if name not in _cache:
        _cache[name] = json.loads((REF / f"{name}.json").read_text())
    return _cache[name]


def cases():
    out = []
    if not REF.is_dir():
        return out
    for fam in FAMILIES:
        path = REF / f"{fam}.json"
        if not path.is_file():
            continue
        for fname, cs in family(fam).items():
            if fname in ("meta", "trains"):
                continue
            out.append(pytest.param(fam, fname, id=f"{fam}.{fname}"))
    return out


# ------------------------------------------------------------------------- decoding

NAMES = {"kernel", "window", "output"}  # string arguments that are names, not numbers


def number(v):
    if isinstance(v, str):
        return {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}[v]
    return v


def resolve(fam: str, key: str, v, as_list: bool = False):
    """An argument: ``"@k"`` is train k of the family's table (a float64 array, or a list
    with ``as_list``)."""
    trains = family(fam)["trains"]
    if isinstance(v, str) and v.startswith("@"):
        t = [float(number(x)) for x in trains[int(v[1:])]]
        return t if as_list else np.array(t, dtype=np.float64)
    if key in NAMES and isinstance(v, str):
        return v
    if key == "window" and isinstance(v, list):
        return (number(v[0]), number(v[1]))
    if isinstance(v, list):
        return [resolve(fam, key, x, as_list) for x in v]
    return number(v)


def floats(v) -> np.ndarray:
    """Expected values as float64 (``None`` -> NaN placeholder, see ``mask``)."""
    return np.array([math.nan if x is None else number(x) for x in v], dtype=np.float64)


def mask(v) -> np.ndarray:
    return np.array([x is not None for x in v], dtype=bool)


# ------------------------------------------------------------------------- tolerances

DEFAULT = dict(rtol=1e-9, atol=1e-12)
# Per function (and, for tuples/dicts, per output key): rtol, atol, atol_rel (times the
# largest finite expected value), angle (compare angles modulo 2π within this).
TOL = {
    "instantaneous_rate": {"rate": dict(rtol=1e-9, atol=0.0, atol_rel=1e-9)},
    "optimal_kernel_bandwidth": dict(rtol=1e-7, atol=0.0),
    "van_rossum_distance": dict(rtol=1e-9, atol=1e-5),
    "van_rossum_distance_matrix": dict(rtol=1e-9, atol=1e-5),
    "population_rate_smoothed": {"rate": dict(rtol=1e-7, atol=1e-9, atol_rel=1e-9)},
    "spike_train_psd": {"psd": dict(rtol=1e-7, atol=0.0, atol_rel=1e-10)},
    "spike_train_periodogram": {"psd": dict(rtol=1e-7, atol=0.0, atol_rel=1e-10)},
    "multitaper_psd": {"psd": dict(rtol=1e-7, atol=0.0, atol_rel=1e-10)},
    "spike_train_coherence": {"coherence": dict(rtol=1e-7, atol=0.0),
                              "phase_lag": dict(angle=1e-7)},
    "multitaper_coherence": {"coherence": dict(rtol=1e-5, atol=0.0),
                             "phase_lag": dict(angle=1e-4)},
    "spike_field_coherence": {"coherence": dict(rtol=1e-7, atol=0.0)},
    "spike_triggered_phase": dict(angle=1e-7),
    "exponential_trace": dict(rtol=1e-9, atol=1e-290),
}
for _k in ("rectangular", "triangular", "epanechnikov_like", "gaussian", "laplacian",
           "exponential", "alpha"):
    TOL[f"{_k}_kernel"] = dict(rtol=1e-9, atol=0.0)
TOL["kernel_density_rate"] = dict(rtol=1e-9, atol=0.0)

# The tuple a function returns, as the keys of a dict-shaped expected value.
KEYS = {
    "cross_correlation_histogram": ["lags", "counts"],
    "autocorrelation_histogram": ["lags", "counts"],
    "cross_correlation_coefficient": ["lags", "values"],
    "cross_correlogram": ["lag_centers", "counts"],
    "autocorrelogram": ["lag_centers", "counts"],
    "psth": ["bin_left_edges", "rate_hz"],
    "population_rate_smoothed": ["times", "rate"],
    "instantaneous_rate": ["times", "rate"],
    "spike_train_psd": ["freqs", "psd"],
    "spike_train_periodogram": ["freqs", "psd"],
    "multitaper_psd": ["freqs", "psd"],
    "spike_train_coherence": ["freqs", "coherence", "phase_lag"],
    "multitaper_coherence": ["freqs", "coherence", "phase_lag"],
    "spike_train_csd": ["freqs", "csd"],
    "spike_field_coherence": ["freqs", "coherence"],
}


def tol(name: str, key=None) -> dict:
    t = TOL.get(name, DEFAULT)
    if key is not None and isinstance(t, dict) and key in t and isinstance(t[key], dict):
        return t[key]
    if isinstance(t, dict) and any(isinstance(v, dict) for v in t.values()):
        return DEFAULT
    return t


def close(got: np.ndarray, want: np.ndarray, t: dict, valid=None) -> str:
    """'' when equal within ``t``, else a description of the worst mismatch."""
    got = np.asarray(got, dtype=np.float64).ravel()
    want = np.asarray(want, dtype=np.float64).ravel()
    if got.shape != want.shape:
        return f"shape {got.shape}, expected {want.shape}"
    if valid is not None:
        got, want = got[valid], want[valid]
    if "angle" in t:
        d = np.mod(got - want, 2 * np.pi)
        err = np.minimum(d, 2 * np.pi - d)
        bad = ~(err <= t["angle"])
        bad &= ~(np.isnan(got) & np.isnan(want))
    else:
        finite = want[np.isfinite(want)]
        scale = np.max(np.abs(finite)) if finite.size else 0.0
        allowed = t.get("atol", 0.0) + t.get("atol_rel", 0.0) * scale + t["rtol"] * np.abs(want)
        with np.errstate(invalid="ignore"):
            ok = np.abs(got - want) <= allowed
        ok |= np.isnan(got) & np.isnan(want)
        ok |= np.isinf(want) & (got == want)
        bad = ~ok
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        return f"{int(bad.sum())} of {bad.size} differ; first at {i}: got {got[i]!r}, expected {want[i]!r}"
    return ""


def exact(got: np.ndarray, want) -> str:
    got = np.asarray(got)
    want = np.asarray(want, dtype=got.dtype if got.dtype.kind in "ib" else np.int64)
    if got.shape != want.shape or not np.array_equal(got, want):
        return f"got {got.tolist()!r:.300}, expected {want.tolist()!r:.300}"
    return ""


def is_int_list(v) -> bool:
    return isinstance(v, list) and len(v) > 0 and all(
        isinstance(x, int) and not isinstance(x, bool) for x in v)


# Outputs that are int64 counts (G7), by position in the returned tuple (None: the array).
INT_OUTPUT = {
    "binned_spike_counts": {None}, "binned_spike_matrix": {None}, "complexity_histogram": {None},
    "isi_histogram": {1}, "log_isi_histogram": {1}, "cross_correlation_histogram": {0},
    "cross_correlation_coefficient": {0}, "autocorrelation_histogram": {0},
    "cross_correlogram": {1}, "autocorrelogram": {1}, "detect_bursts_isi": {2},
    "detect_bursts_max_interval": {2}, "network_bursts": {2},
    "time_histogram[counts]": {None},  # time_histogram(output="counts")
}


def compare_value(name, got, want, key=None, pos=None) -> str:
    """One output (scalar or array) against its expected JSON value."""
    if isinstance(want, list) and want and isinstance(want[0], list):
        # A matrix.
        if not isinstance(got, np.ndarray) or got.ndim != 2:
            return f"expected a 2-D array, got {type(got).__name__}"
        if pos in INT_OUTPUT.get(name, ()) or (pos is None and None in INT_OUTPUT.get(name, ())):
            if got.dtype != np.int64:
                return f"dtype {got.dtype}, expected int64"
            return exact(got, want)
        if got.dtype != np.float64:
            return f"dtype {got.dtype}, expected float64"
        return close(got, np.array([floats(r) for r in want]) if want else np.zeros((0, 0)),
                     tol(name, key))
    if isinstance(want, list):
        if not isinstance(got, np.ndarray) or got.ndim != 1:
            return f"expected a 1-D array, got {type(got).__name__}"
        if got.dtype == np.bool_:
            return exact(got, want)
        if pos in INT_OUTPUT.get(name, ()) or (pos is None and None in INT_OUTPUT.get(name, ())):
            if got.dtype != np.int64:
                return f"dtype {got.dtype}, expected int64"
            return exact(got, want)
        if got.dtype != np.float64:
            return f"dtype {got.dtype}, expected float64"
        m = mask(want)
        return close(got, floats(want), tol(name, key), valid=None if m.all() else m)
    # A scalar.
    if isinstance(want, int) and not isinstance(want, bool) and name in (
            "spike_count", "refractory_violations", "coincidence_count"):
        if type(got) is not int:
            return f"expected an int, got {type(got).__name__}"
        return "" if got == want else f"got {got}, expected {want}"
    if type(got) is not float:
        return f"expected a float, got {type(got).__name__}"
    return close(np.array([got]), np.array([float(number(want))]), tol(name, key))


def check_case(fam: str, name: str, case: dict) -> str:
    args = {k: resolve(fam, k, v) for k, v in case["args"].items()}
    want = case["expected"]
    f = getattr(an, name)
    if isinstance(want, dict) and "error" in want:
        try:
            f(**args)
        except ValueError:
            return ""
        return "expected a ValueError"
    got = f(**args)
    if name == "time_histogram" and args["output"] == "counts":
        name = "time_histogram[counts]"
    if isinstance(want, dict):
        keys = KEYS[name]
        if not isinstance(got, tuple) or len(got) != len(keys):
            return f"expected a tuple of {len(keys)}, got {type(got).__name__}"
        for pos, (k, g) in enumerate(zip(keys, got)):
            if k == "freqs":
                n, df = want["n"], float(number(want["df"]))
                if g.dtype != np.float64 or g.shape != (n,):
                    return f"freqs: {g.dtype} {g.shape}, expected float64 ({n},)"
                if not np.all(np.abs(g - np.arange(n) * df) <= 1e-9 * np.maximum(np.abs(g), df)):
                    return "freqs are not k·df"
                if "freqs" in want:
                    msg = close(g, floats(want["freqs"]), DEFAULT)
                    if msg:
                        return "freqs: " + msg
                continue
            if k == "times" and name == "instantaneous_rate" and "times" not in want:
                sp = args["sampling_period"]
                w = float(want["t0"]) + np.arange(want["n"]) * sp
                msg = close(g, w, dict(rtol=1e-9, atol=1e-12))
                if msg:
                    return "times: " + msg
                continue
            if k == "csd":
                if g.dtype != np.complex128:
                    return f"csd dtype {g.dtype}, expected complex128"
                scale = float(np.max(np.abs(g))) if g.size else 0.0
                for part, vals in (("re", g.real), ("im", g.imag)):
                    msg = close(vals, floats(want[part]), dict(rtol=1e-7, atol=1e-10 * scale))
                    if msg:
                        return f"csd.{part}: " + msg
                continue
            msg = compare_value(name, g, want[k], key=k, pos=pos)
            if msg:
                return f"{k}: {msg}"
        if name == "instantaneous_rate" and got[1].shape != (want["n"],):
            return f"rate has {got[1].shape}, expected ({want['n']},)"
        return ""
    if isinstance(want, list) and isinstance(got, tuple):
        if len(got) != len(want):
            return f"tuple of {len(got)}, expected {len(want)}"
        if name in ("mean_phase_vector", "vector_strength"):
            return phase_pair(name, got, want)
        for pos, (g, w) in enumerate(zip(got, want)):
            if isinstance(w, list):
                msg = compare_value(name, g, w, pos=pos)
            else:
                msg = compare_value(name, g, w)
            if msg:
                return f"[{pos}]: {msg}"
        return ""
    return compare_value(name, got, want)


def phase_pair(name, got, want) -> str:
    """(angle, length) or (strength, phase): the angle of a short resultant is
    ill-conditioned, so it is compared within 1e-9 rad relative to the length, and not below
    a length of 1e-6 (as in the Rust tests)."""
    a, l = (0, 1) if name == "mean_phase_vector" else (1, 0)
    if any(type(v) is not float for v in got):
        return f"expected two floats, got {[type(v).__name__ for v in got]}"
    length = float(number(want[l]))
    msg = close(np.array([got[l]]), np.array([length]), DEFAULT)
    if msg:
        return "length: " + msg
    if math.isnan(length) or length > 1e-6:
        msg = close(np.array([got[a]]), np.array([float(number(want[a]))]),
                    dict(angle=1e-9 / max(length, 1e-3)) if not math.isnan(length) else DEFAULT)
        if msg:
            return "angle: " + msg
    return ""


@pytest.mark.parametrize("fam,name", cases())
def test_reference_cases(fam, name):
    bad = []
    all_cases = family(fam)[name]
    assert all_cases, name
    for k, case in enumerate(all_cases):
        try:
            msg = check_case(fam, name, case)
        except Exception as e:  # noqa: BLE001 - reported with the case
            msg = f"raised {type(e).__name__}: {e}"
        if msg:
            bad.append(f"case {k} {case.get('tag', '')} {json.dumps(case['args'])[:200]}: {msg}")
    assert not bad, f"{len(bad)} of {len(all_cases)} cases of {name} differ:\n" + "\n".join(bad[:20])


def test_every_reference_family_is_run():
    """Each committed family file is in FAMILIES, and together they cover every function
    of the catalogue except the 10 surrogates (property-checked)."""
    files = {p.stem for p in REF.glob("*.json")}
    assert files <= set(FAMILIES), files - set(FAMILIES)
    covered = {n for fam in files for n in family(fam) if n not in ("meta", "trains")}
    surrogates = {"dither_spikes", "dither_spike_train", "randomise_spikes", "shuffle_isis",
                  "poisson_process", "gamma_process", "inhomogeneous_poisson_process",
                  "jitter_spikes", "bin_shuffling", "trial_shifting"}
    missing = set(an.__all__) - covered - surrogates
    assert not missing, f"functions without reference cases: {sorted(missing)}"


def test_list_inputs_give_the_reference_too():
    """G2: Python lists are accepted wherever arrays are; the first cases of every function
    with list-converted trains give the same results as the arrays."""
    for fam in FAMILIES:
        if not (REF / f"{fam}.json").is_file():
            continue
        for name, cs in family(fam).items():
            if name in ("meta", "trains"):
                continue
            for case in cs[:3]:
                if isinstance(case["expected"], dict) and "error" in case["expected"]:
                    continue
                f = getattr(an, name)
                a1 = {k: resolve(fam, k, v) for k, v in case["args"].items()}
                a2 = {k: resolve(fam, k, v, as_list=True) for k, v in case["args"].items()}
                r1, r2 = f(**a1), f(**a2)
                assert _same(r1, r2), (name, case["args"])


def _same(a, b) -> bool:
    if isinstance(a, (tuple, list)):
        return type(a) is type(b) and len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, np.ndarray):
        return isinstance(b, np.ndarray) and a.dtype == b.dtype and np.array_equal(a, b, equal_nan=a.dtype.kind in "fc")
    if isinstance(a, float):
        return type(b) is float and (a == b or (math.isnan(a) and math.isnan(b)))
    return type(a) is type(b) and a == b

"""Writes the Python face of the analysis toolkit from its spec, the catalogue
``analysis-catalogue.md`` (``../shared/`` beside the checkout):

* ``python/sc_neurocore/analysis/__init__.py``: one function per catalogue entry (127), with
  the spec's name, parameters and defaults, a docstring made of the spec's entry, and a body
  that hands every argument to the compiled ``sc_neurocore._native.analysis`` (Rust);
* ``python/sc_neurocore/analysis/__init__.pyi``: the type stub;
* ``docs/analysis.md``: the functions grouped by family, one line each.

    python bindings/python/tools/gen_analysis.py            # write
    python bindings/python/tools/gen_analysis.py --check    # exit 1 if out of date
    python bindings/python/tools/gen_analysis.py --catalogue PATH

The names, parameters and defaults come from the catalogue's entry headers
(``N. **`name(params) -> returns`**``); the Python and stub types of parameters and results
follow the catalogue's global conventions (G2, G7) and are set below. ``tests/test_package.py``
checks that the files are in sync when the catalogue is beside the checkout.
"""

from __future__ import annotations

import argparse
import re
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Tuple

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]  # the repository
PKG = HERE.parent / "python" / "sc_neurocore" / "analysis"
DOC = ROOT / "docs" / "analysis.md"
CATALOGUE = ROOT.parent / "shared" / "analysis-catalogue.md"

# ----------------------------------------------------------------------------- types

ARRAY = {"spikes", "spikes_a", "spikes_b", "t", "times", "signal", "phases", "phases_a",
         "phases_b", "rate_signal"}
TRAINS = {"trains", "trials"}
INTS = {"min_bins", "max_bins", "bins_per_decade", "lag", "max_lag_bins", "n_segments",
        "num_tapers", "min_complexity", "n_surrogates", "max_displacement", "nperseg",
        "min_spikes", "n_spikes", "seed"}
BOOLS = {"center_kernel", "trim", "border_correction", "binary", "edges", "interpolate",
         "invert"}
STRS = {"kernel", "output"}
# Entries whose result tuple holds floats, not arrays.
FLOAT_TUPLES = {"mean_phase_vector", "vector_strength", "rayleigh_test"}


def param_type(func: str, name: str, default: Optional[str]) -> str:
    if name in ARRAY:
        t = "ArrayLike"
    elif name in TRAINS:
        t = "_Trains"
    elif name in INTS:
        t = "int"
    elif name in BOOLS:
        t = "bool"
    elif name in STRS:
        t = "str"
    elif name == "window":
        if func in ("spike_triggered_average", "spike_triggered_covariance"):
            t = "Tuple[float, float]"
        elif func.startswith("coincidence_"):
            t = "float"
        else:
            t = "str"
    else:
        t = "float"
    if default == "None":
        t = f"Optional[{t}]"
    return t


def return_type(e: "Entry") -> str:
    r = e.returns
    if e.family == 6:
        if e.name == "trial_shifting":
            return "List[List[np.ndarray]]"
        return "np.ndarray" if r.startswith("ndarray") else "List[np.ndarray]"
    if not r or r.startswith("ndarray"):
        return "np.ndarray"
    if r in ("int", "float"):
        return r
    if r.startswith("("):
        n = len(r.strip("()").split(","))
        item = "float" if e.name in FLOAT_TUPLES else "np.ndarray"
        return "Tuple[" + ", ".join([item] * n) + "]"
    raise ValueError(f"{e.name}: unknown return annotation {r!r}")


# ----------------------------------------------------------------------------- one-line summaries

# The first line of each docstring and the line of docs/analysis.md (the catalogue's own
# text follows in the docstring).
SUMMARY = {
    # 1
    "spike_count": "Number of spikes in the (optional) window.",
    "firing_rate": "Mean firing rate in Hz over [t_start, t_stop] (or t_start + duration).",
    "firing_rates": "Mean firing rate of each train over one shared window.",
    "binned_firing_rate": "Rate per bin in Hz (bin counts / bin_size).",
    "instantaneous_rate": "Kernel-smoothed rate on a regular time grid, as Elephant's instantaneous_rate.",
    "optimal_kernel_bandwidth": "Shimazaki–Shinomoto (2010) optimal Gaussian kernel bandwidth.",
    "optimal_bin_size": "Shimazaki–Shinomoto (2007) optimal histogram bin size.",
    "isi": "Inter-spike intervals of the sorted train.",
    "isi_mean": "Mean ISI.",
    "isi_median": "Median ISI.",
    "isi_std": "Standard deviation of the ISIs (ddof=0).",
    "coefficient_of_variation": "CV of the ISIs, std/mean (ddof=0); NaN with fewer than 2 ISIs.",
    "cv2": "Holt et al. (1996) CV2 of consecutive ISIs.",
    "local_variation": "Shinomoto et al. (2003) local variation Lv.",
    "revised_local_variation": "Shinomoto et al. (2009) revised local variation LvR with a refractory period.",
    "fano_factor": "Fano factor var/mean of spike counts across trains (trials).",
    "fano_factor_binned": "Fano factor var/mean of one train's bin counts.",
    "isi_histogram": "Histogram of the ISIs on linear bins up to max_isi.",
    "log_isi_histogram": "Histogram of the ISIs on logarithmic bins.",
    "instantaneous_frequency": "1/ISI for every interval.",
    "isi_serial_correlation": "Pearson correlation of ISIs at a given lag.",
    "adaptation_index": "Mean normalised difference of consecutive ISIs.",
    "refractory_violations": "Number of ISIs shorter than the refractory period.",
    "time_to_first_spike": "Latency of the first spike at or after t_start.",
    # 2
    "spike_train_correlation": "Pearson correlation of the binned counts of two trains.",
    "correlation_matrix": "Pairwise Pearson correlations of binned trains (N×N).",
    "spike_train_covariance": "Covariance (ddof=1) of the binned counts of two trains.",
    "covariance_matrix": "Pairwise covariances (ddof=1) of binned trains (N×N).",
    "cross_correlation_histogram": "Binned cross-correlation histogram (CCH) at lags −W..W bins.",
    "cross_correlation_coefficient": "CCH normalised to a correlation coefficient (Eggermont 2010).",
    "autocorrelation_histogram": "Binned autocorrelation histogram, zero-lag peak included.",
    "cross_correlogram": "Unbinned cross-correlogram of all pairwise spike-time differences.",
    "autocorrelogram": "Unbinned autocorrelogram (pairs of a spike with itself excluded).",
    "spike_time_tiling_coefficient": "Cutts & Ellis (2014) spike time tiling coefficient (STTC).",
    "sttc_matrix": "Pairwise STTC of a population (N×N).",
    "spike_train_timescale": "Wieland et al. (2015) intrinsic timescale from the autocorrelation.",
    "coincidence_count": "Number of spike pairs closer than a window.",
    "coincidence_factor": "Kistler/Jolivet coincidence factor Γ of a model train against data.",
    "event_synchronization": "Quian Quiroga et al. (2002) event synchronization Q.",
    "event_synchronization_delay": "Quian Quiroga et al. (2002) delay asymmetry q.",
    "spike_contrast": "Ciba et al. (2018) Spike-contrast synchrony of a population.",
    # 3
    "victor_purpura_distance": "Victor–Purpura edit distance with shift cost `cost`.",
    "victor_purpura_distance_matrix": "Pairwise Victor–Purpura distances (N×N).",
    "van_rossum_distance": "van Rossum distance (Elephant's normalisation).",
    "van_rossum_distance_matrix": "Pairwise van Rossum distances (N×N).",
    "isi_distance": "Kreuz et al. (2007) ISI-distance, as PySpike.",
    "isi_distance_multi": "Multivariate ISI-distance (mean profile over all pairs), as PySpike.",
    "isi_distance_matrix": "Pairwise ISI-distances (N×N), as PySpike.",
    "isi_profile": "ISI-distance profile, piecewise constant (PySpike's x, y).",
    "spike_distance": "Kreuz et al. (2013) SPIKE-distance, as PySpike.",
    "spike_distance_multi": "Multivariate SPIKE-distance, as PySpike.",
    "spike_distance_matrix": "Pairwise SPIKE-distances (N×N), as PySpike.",
    "spike_profile": "SPIKE-distance profile, piecewise linear (PySpike's x, y1, y2).",
    "spike_sync": "Kreuz et al. (2015) SPIKE-synchronization, as PySpike.",
    "spike_sync_multi": "Multivariate SPIKE-synchronization (coincidences pooled over pairs).",
    "spike_sync_matrix": "Pairwise SPIKE-synchronization (N×N), as PySpike.",
    "spike_sync_profile": "SPIKE-synchronization profile (PySpike's x, y, mp).",
    "spike_directionality": "Kreuz et al. (2017) SPIKE-order directionality of a relative to b.",
    "spike_train_order": "Synfire indicator F of two trains, as PySpike.",
    "spike_train_order_multi": "Synfire indicator F of a population, as PySpike.",
    "schreiber_similarity": "Schreiber et al. (2003) correlation-based reliability of two trains.",
    "schreiber_reliability": "Mean Schreiber similarity over all pairs of a population.",
    "hunter_milton_similarity": "Hunter & Milton (2003) nearest-spike similarity.",
    # 4
    "spike_train_psd": "Welch power spectral density of the binned rate.",
    "spike_train_periodogram": "Periodogram of the binned rate (SciPy periodogram).",
    "spike_train_coherence": "Welch magnitude-squared coherence and phase lag of two trains.",
    "spike_train_csd": "Welch complex cross-spectral density of two trains.",
    "multitaper_psd": "DPSS multitaper power spectral density of the binned rate.",
    "multitaper_coherence": "Multitaper coherence and phase lag of two trains.",
    # 5
    "time_histogram": "Population spike counts per bin (counts, mean or rate).",
    "population_rate": "Mean rate per neuron per bin, Hz.",
    "population_rate_smoothed": "Kernel-smoothed population rate, mean of instantaneous_rate over trains.",
    "psth": "Peri-stimulus time histogram: trial-averaged rate with the bin left edges.",
    "complexity_histogram": "Histogram of the per-bin complexity (active neurons or spikes per bin).",
    "complexity_pdf": "Complexity histogram normalised to a distribution.",
    "synchronous_event_times": "Left edges of the bins whose complexity reaches min_complexity.",
    "synchrony_index": "Golomb's synchrony measure χ on binned counts.",
    "mean_pairwise_correlation": "Mean of the finite pairwise correlations (i<j).",
    "population_fano_factor": "Fano factor of the summed population counts per bin.",
    "active_fraction": "Fraction of trains with at least one spike in the window.",
    "population_sparseness": "Vinje & Gallant (2000) population sparseness of the firing rates.",
    "participation_ratio": "Participation ratio (dimensionality) of the covariance matrix.",
    # 6
    "dither_spikes": "Surrogates: each spike moved independently by U(−dither, dither).",
    "dither_spike_train": "Surrogates: the whole train shifted by one U(−shift, shift).",
    "randomise_spikes": "Surrogates: the same number of spikes placed uniformly at random.",
    "shuffle_isis": "Surrogates: the intervals permuted at random.",
    "poisson_process": "Stationary Poisson spike train, optionally with dead time.",
    "gamma_process": "Gamma renewal spike train.",
    "inhomogeneous_poisson_process": "Poisson spike train with a piecewise-constant rate signal.",
    "jitter_spikes": "Surrogates: each spike redrawn uniformly within its own bin.",
    "bin_shuffling": "Surrogates: bins permuted within windows of 2·max_displacement bins.",
    "trial_shifting": "Surrogates: each trial shifted by its own U(−dither, dither), wrapped.",
    # 7
    "spike_triggered_average": "Spike-triggered average of a signal over a window around each spike.",
    "spike_triggered_covariance": "Spike-triggered covariance (ddof=1) of the STA segments.",
    "spike_field_coherence": "Coherence between a spike train and a signal (SciPy coherence).",
    "spike_triggered_phase": "Phase of the signal's analytic signal at each spike.",
    "phase_locking_value": "Phase-locking value of two phase series.",
    "mean_phase_vector": "Angle and length of the mean resultant vector of phases.",
    "vector_strength": "Vector strength and phase of spikes relative to a period.",
    "rayleigh_test": "Rayleigh test of non-uniformity of phases: (z, p).",
    # 8
    "rectangular_kernel": "Rectangular (boxcar) kernel with standard deviation sigma.",
    "triangular_kernel": "Triangular kernel with standard deviation sigma.",
    "epanechnikov_like_kernel": "Epanechnikov-like kernel with standard deviation sigma.",
    "gaussian_kernel": "Gaussian kernel with standard deviation sigma.",
    "laplacian_kernel": "Laplacian (double-exponential) kernel with standard deviation sigma.",
    "exponential_kernel": "Causal exponential kernel (mirrored with invert).",
    "alpha_kernel": "Causal alpha kernel (mirrored with invert).",
    "kernel_density_rate": "Exact unbinned kernel rate Σ K(t − t_i) at given times.",
    "exponential_trace": "Causal exponential trace Σ_{t_i ≤ t} exp(−(t − t_i)/τ) at given times.",
    # 9
    "detect_bursts_isi": "Bursts as runs of spikes with ISIs ≤ max_isi: (starts, ends, spike counts).",
    "detect_bursts_max_interval": "Bursts by NeuroExplorer's MaxInterval method.",
    "poisson_surprise": "Legendy & Salcman (1985) Poisson surprise of n spikes in a duration.",
    "burst_rate": "Number of ISI bursts per second in the window.",
    "burst_spike_fraction": "Fraction of spikes that belong to ISI bursts.",
    "mean_burst_duration": "Mean duration of the ISI bursts.",
    "mean_spikes_per_burst": "Mean number of spikes per ISI burst.",
    "intra_burst_frequency": "Mean spike frequency inside the ISI bursts.",
    "inter_burst_intervals": "Intervals between consecutive ISI bursts.",
    "burstiness_parameter": "Goh & Barabási (2008) burstiness B of the ISIs.",
    "network_bursts": "Network bursts: runs of bins whose population count reaches a threshold.",
    # 10
    "binned_spike_counts": "Spike counts per bin (Elephant's BinnedSpikeTrain rule).",
    "binned_spike_matrix": "Bin counts of every train (N × n_bins, int64).",
    "binarize": "Whether each bin holds a spike (bool).",
    "bin_edges": "Bin edges of a window (Elephant's rule).",
    "time_slice": "The sorted spikes inside [t_start, t_stop].",
    "merge_spike_trains": "The sorted union of several trains (duplicates kept).",
    "discretise_spike_times": "Spike times rounded down to a sampling grid.",
}


# ----------------------------------------------------------------------------- parsing


@dataclass
class Entry:
    number: int
    family: int
    family_title: str
    name: str
    params: List[Tuple[str, Optional[str]]]  # (name, default source or None)
    returns: str
    star: bool
    text: str  # the entry's prose (header remainder and body)
    family_intro: str = ""  # the family's own conventions (text before its first entry)


HEADER = re.compile(r"^(\d+)\. \*\*`([^`]*)`\*\*(.*)$")
FAMILY = re.compile(r"^## (\d+)\. (.*?) \((\d+)\)")


def split_params(s: str) -> List[str]:
    out, depth, cur = [], 0, ""
    for ch in s:
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        if ch == "," and depth == 0:
            out.append(cur.strip())
            cur = ""
        else:
            cur += ch
    if cur.strip():
        out.append(cur.strip())
    return out


class _Sig:
    def __init__(self, name: str, params: str, returns: str):
        self._g = (None, name, params, returns)

    def group(self, k: int) -> str:
        return self._g[k]


def split_signature(sig: str) -> _Sig:
    """``name(params) -> returns``, with balanced parentheses in the parameter list."""
    m = re.match(r"^(\w+)\(", sig)
    if not m:
        raise ValueError(f"cannot parse signature {sig!r}")
    depth, k = 0, m.end() - 1
    for k in range(m.end() - 1, len(sig)):
        depth += {"(": 1, ")": -1}.get(sig[k], 0)
        if depth == 0:
            break
    params, rest = sig[m.end():k], sig[k + 1:].strip()
    returns = rest[2:].strip() if rest.startswith("->") else ""
    return _Sig(m.group(1), params, returns)


def _entries(text: str) -> List[Entry]:
    out: List[Entry] = []
    fam, title = None, ""
    cur: Optional[Entry] = None
    body: List[str] = []
    intros: Dict[int, List[str]] = {}

    def close():
        if cur is not None:
            cur.text = (cur.text + "\n" + textwrap.dedent("\n".join(body))).strip()
            out.append(cur)

    for line in text.splitlines():
        m = FAMILY.match(line)
        if m:
            close()
            cur, body = None, []
            fam, title = int(m.group(1)), m.group(2)
            intros[fam] = []
            continue
        if line.startswith("## ") or line.startswith("-----"):
            close()
            cur, body = None, []
            fam = None if line.startswith("## ") else fam
            continue
        m = HEADER.match(line)
        if m and fam is not None:
            close()
            body = []
            sig, rest = m.group(2), m.group(3)
            sm = split_signature(sig)
            params = []
            for p in split_params(sm.group(2)):
                k, _, d = p.partition("=")
                params.append((k.strip(), d.strip() or None))
            star = "★" in rest
            rest = rest.replace("★", "").strip()
            rest = rest[1:].strip() if rest.startswith(":") else rest
            cur = Entry(int(m.group(1)), fam, title, sm.group(1), params,
                        (sm.group(3) or "").strip(), star, rest)
            continue
        if cur is not None:
            body.append(line)
        elif fam is not None:
            intros[fam].append(line)
    close()
    for e in out:
        e.family_intro = "\n".join(intros.get(e.family, [])).strip()
    return out


# ----------------------------------------------------------------------------- rendering


def rst(text: str) -> str:
    """The spec's Markdown prose as docstring text (reST-ish)."""
    text = text.replace("**", "")
    text = re.sub(r"\*(Ref|Edge cases?|Checked|Mirrors|Deviation)(:?)\*", r"\1\2", text)
    text = re.sub(r"(?<!`)`([^`]+)`(?!`)", r"``\1``", text)
    lines = [ln.rstrip() for ln in text.splitlines()]
    # Drop blank lines at the ends and squeeze runs of blank lines.
    out: List[str] = []
    for ln in lines:
        if not ln and (not out or not out[-1]):
            continue
        out.append(ln)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def signature(e: Entry, typed: bool) -> str:
    parts = []
    for name, default in e.params:
        p = name
        if typed:
            p += f": {param_type(e.name, name, default)}"
        if default is not None:
            p += f" = {default}" if typed else f"={default}"
        parts.append(p)
    ret = f" -> {return_type(e)}" if typed else ""
    return f"{e.name}({', '.join(parts)}){ret}"


def summary(e: Entry) -> str:
    """One line for the docs page and the docstring's first line."""
    return SUMMARY[e.name]


def doc_of(e: Entry) -> str:
    star = " ★" if e.star else ""
    head = (f"Catalogue entry {e.number} ({e.family}. {e.family_title}){star}.")
    text = e.text
    if text.startswith(("LIB", "FORMULA")):  # entries that are only their reference
        text = "Ref: " + text
    doc = summary(e) + "\n\n" + rst(text) + "\n\n" + head
    if e.family_intro:
        doc += f"\n\nConventions of family {e.family} (catalogue):\n\n" + rst(e.family_intro)
    return doc


def indent(text: str, pad: str) -> str:
    return "\n".join((pad + ln) if ln else "" for ln in text.splitlines())


MODULE_DOC = '''"""Spike-train analysis: the 127 functions of the analysis catalogue, computed in Rust.

Generated by ``bindings/python/tools/gen_analysis.py`` from ``analysis-catalogue.md``; do
not edit. The functions are grouped by family in ``docs/analysis.md``; each docstring is the
catalogue's entry.

Conventions (the catalogue's G1–G12):

* Times in seconds, rates and frequencies in Hz, all float64.
* A spike train (``spikes``, ``spikes_a``, ``spikes_b``) is any 1-D array-like of numbers:
  a float64 NumPy array, a list, another dtype. ``trains`` / ``trials`` is a sequence of
  them (empty trains allowed), or a mapping such as ``SpikeMonitor.spike_trains``, whose
  values are used in order. Order is irrelevant (every function works on a sorted copy);
  duplicates are kept (except in the PySpike family, which removes them as PySpike does).
* ``t_start`` defaults to 0 and ``t_stop=None`` means the last spike of all trains passed;
  spikes outside the closed window ``[t_start, t_stop]`` are ignored. Binning follows
  Elephant's ``BinnedSpikeTrain`` (G6).
* Results: ``float`` (``int`` for counts); NumPy arrays (float64, int64 for counts, bool for
  ``binarize``; 2-D float64 for matrices); a ``tuple`` when there are several; a ``list`` of
  arrays for surrogates.
* Undefined statistics (too few spikes, zero variance...) are NaN; invalid parameters,
  NaN or infinite input, and arguments that cannot be converted raise ``ValueError`` (the
  classes of :mod:`sc_neurocore.errors`; unconvertible arguments raise
  :class:`AnalysisArgumentError`, which is also a ``TypeError``). No other exception is
  raised.
* Stochastic functions take ``seed``: the same seed gives the same result; ``None`` draws
  one from the operating system.

Every function converts its arguments once at the boundary and computes in Rust with the
GIL released; all-pairs matrices and surrogates run in parallel.
"""'''


def render_module(entries: List[Entry]) -> str:
    out = [
        "# Generated by bindings/python/tools/gen_analysis.py from analysis-catalogue.md; do not edit.\n",
        MODULE_DOC + "\n\n",
        "from __future__ import annotations\n\n",
        "from .. import _native\n",
        "from . import _errors\n\n",
        "_n = _native.analysis\n\n",
        "#: The error of arguments that cannot be converted (a ``ValueError`` and a ``TypeError``).\n",
        "AnalysisArgumentError = _errors.AnalysisArgumentError\n\n",
        "__all__ = [\n",
    ]
    for e in entries:
        out.append(f'    "{e.name}",\n')
    out.append("]\n")
    fam = None
    for e in entries:
        if e.family != fam:
            fam = e.family
            out.append(f"\n\n# {'-' * 70} {e.family}. {e.family_title}\n")
        args = ", ".join(n for n, _ in e.params)
        out.append("\n\n")
        out.append(f"def {signature(e, typed=False)}:\n")
        out.append('    """' + indent(doc_of(e), "    ").lstrip() + '\n    """\n')
        out.append(f"    return _n.{e.name}({args})\n")
    return "".join(out)


def render_stub(entries: List[Entry]) -> str:
    out = [
        "# Generated by bindings/python/tools/gen_analysis.py from analysis-catalogue.md; do not edit.\n",
        '"""Spike-train analysis: the 127 functions of the analysis catalogue (type stub)."""\n\n',
        "from typing import Any, List, Mapping, Optional, Sequence, Tuple, Union\n\n",
        "import numpy as np\n",
        "from numpy.typing import ArrayLike\n\n",
        "from ._errors import AnalysisArgumentError as AnalysisArgumentError\n\n",
        "_Trains = Union[Sequence[ArrayLike], Mapping[Any, ArrayLike]]\n\n",
        "__all__ = [\n",
    ]
    out += [f'    "{e.name}",\n' for e in entries]
    out.append("]\n\n")
    fam = None
    for e in entries:
        if e.family != fam:
            fam = e.family
            out.append(f"\n# {e.family}. {e.family_title}\n")
        out.append(f"def {signature(e, typed=True)}: ...\n")
    return "".join(out)


def render_doc(entries: List[Entry]) -> str:
    n = len(entries)
    stars = sum(e.star for e in entries)
    out = [
        "<!-- Generated by bindings/python/tools/gen_analysis.py from analysis-catalogue.md; do not edit. -->\n",
        "# Spike-train analysis\n\n",
        f"The analysis toolkit: {n} functions in 10 families, implemented in Rust in\n",
        "`crates/analysis` (`sc_neurocore_analysis::<name>`) and exposed with the same names in\n",
        "the Python package `sc_neurocore.analysis`. The spec of every function (definition,\n",
        "edge cases, reference implementation) is its Python docstring (`help(sc_neurocore.analysis.NAME)`).\n\n",
        "```python\n",
        "from sc_neurocore.analysis import firing_rate, coefficient_of_variation, isi_distance\n\n",
        "trains = mon_exc.spike_trains             # {neuron: spike times in s}\n",
        "rates = {i: firing_rate(t, duration=0.5) for i, t in trains.items()}\n",
        "cv = coefficient_of_variation(trains[0])  # NaN when undefined (fewer than 2 ISIs)\n",
        "d = isi_distance(trains[0], trains[1], t_start=0.0, t_stop=0.5)\n",
        "```\n\n",
        "Conventions (catalogue §0, G1–G12): times in seconds and rates in Hz; a spike train is\n",
        "any 1-D array-like (any order, duplicates kept); `trains` is a sequence of them or a\n",
        "mapping such as `SpikeMonitor.spike_trains`; `t_stop=None` is the last spike; binning\n",
        "is Elephant's `BinnedSpikeTrain`; results are `float`/`int`, NumPy arrays (float64,\n",
        "int64 counts, bool for `binarize`), tuples, and lists of arrays for surrogates;\n",
        "undefined statistics are NaN; invalid parameters and NaN/inf input raise `ValueError`\n",
        "(never anything else); stochastic functions take `seed`.\n\n",
        f"★ marks the {stars} functions simulator users reach for most often; their speed\n",
        "against Elephant and PySpike is in [performance.md](performance.md#analysis-toolkit-vs-elephant-and-pyspike).\n",
    ]
    fam = None
    for e in entries:
        if e.family != fam:
            fam = e.family
            count = sum(1 for x in entries if x.family == fam)
            out.append(f"\n## {e.family}. {e.family_title} ({count})\n\n")
            if e.family_intro:
                out.append(e.family_intro + "\n\n")
            out.append("| # | function | |\n|---:|---|---|\n")
        star = " ★" if e.star else ""
        sig = signature(e, typed=False).replace("|", "\\|")
        ret = f" → {e.returns}" if e.returns else ""
        s = summary(e).replace("|", "\\|")
        out.append(f"| {e.number} | `{sig}`{ret}{star} | {s} |\n")
    return "".join(out)


# ----------------------------------------------------------------------------- main


def outputs(catalogue: Path) -> Dict[Path, str]:
    entries = _entries(catalogue.read_text(encoding="utf-8"))
    if len(entries) != 127 or [e.number for e in entries] != list(range(1, 128)):
        raise SystemExit(f"{catalogue}: expected entries 1..127, found {len(entries)}")
    missing = {e.name for e in entries} ^ set(SUMMARY)
    if missing:
        raise SystemExit(f"SUMMARY and the catalogue differ: {sorted(missing)}")
    return {
        PKG / "__init__.py": render_module(entries),
        PKG / "__init__.pyi": render_stub(entries),
        DOC: render_doc(entries),
    }


def main(argv: List[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if a file is out of date")
    ap.add_argument("--catalogue", type=Path, default=CATALOGUE)
    args = ap.parse_args(argv)
    want = outputs(args.catalogue)
    stale = [p for p, text in want.items() if not p.is_file() or p.read_text(encoding="utf-8") != text]
    if args.check:
        if stale:
            print("out of date: " + ", ".join(str(p.relative_to(ROOT)) for p in stale)
                  + "; run python bindings/python/tools/gen_analysis.py")
            return 1
        return 0
    for p in stale:
        p.write_text(want[p], encoding="utf-8")
        print(f"wrote {p.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Spike-train analysis.

Nothing is bound here yet: the analysis toolkit (``crates/analysis``, the catalogue of
``analysis-catalogue.md``: firing rates, CV, correlations, spike-train distances...) gets
its Python bindings with the analysis issue. Until then, monitors give their data as NumPy
arrays (``SpikeMonitor.spike_trains``, ``.rates``, ``RateMonitor.rates``).
"""

__all__: list = []

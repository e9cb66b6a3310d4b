#![doc = include_str!("../README.md")]

mod binning;
mod bursts;
pub mod catalogue;
pub mod conventions;
mod correlation;
mod distances;
mod kernels;
mod population;
mod rates;
mod spectral;
mod spike_triggered;
mod surrogates;

pub use binning::{
    bin_edges, binarize, binned_spike_counts, binned_spike_matrix, discretise_spike_times,
    merge_spike_trains, time_slice,
};
pub use bursts::{
    burst_rate, burst_spike_fraction, burstiness_parameter, detect_bursts_isi,
    detect_bursts_max_interval, inter_burst_intervals, intra_burst_frequency, mean_burst_duration,
    mean_spikes_per_burst, network_bursts, poisson_surprise,
};
pub use correlation::{
    SquareMatrix, autocorrelation_histogram, autocorrelogram, coincidence_count,
    coincidence_factor, correlation_matrix, covariance_matrix, cross_correlation_coefficient,
    cross_correlation_histogram, cross_correlogram, event_synchronization,
    event_synchronization_delay, spike_contrast, spike_time_tiling_coefficient,
    spike_train_correlation, spike_train_covariance, spike_train_timescale, sttc_matrix,
};
pub use distances::{
    hunter_milton_similarity, isi_distance, isi_distance_matrix, isi_distance_multi, isi_profile,
    schreiber_reliability, schreiber_similarity, spike_directionality, spike_distance,
    spike_distance_matrix, spike_distance_multi, spike_profile, spike_sync, spike_sync_matrix,
    spike_sync_multi, spike_sync_profile, spike_train_order, spike_train_order_multi,
    van_rossum_distance, van_rossum_distance_matrix, victor_purpura_distance,
    victor_purpura_distance_matrix,
};
pub use kernels::{
    Kernel, alpha_kernel, epanechnikov_like_kernel, exponential_kernel, exponential_trace,
    gaussian_kernel, kernel_density_rate, laplacian_kernel, rectangular_kernel, triangular_kernel,
};
pub use population::{
    HistogramOutput, SmoothingKernel, TimeHistogram, active_fraction, complexity_histogram,
    complexity_pdf, mean_pairwise_correlation, participation_ratio, population_fano_factor,
    population_rate, population_rate_smoothed, population_sparseness, psth,
    synchronous_event_times, synchrony_index, time_histogram,
};
pub use rates::{
    RateKernel, adaptation_index, binned_firing_rate, coefficient_of_variation, cv2, fano_factor,
    fano_factor_binned, firing_rate, firing_rates, instantaneous_frequency, instantaneous_rate,
    isi, isi_histogram, isi_mean, isi_median, isi_serial_correlation, isi_std, local_variation,
    log_isi_histogram, optimal_bin_size, optimal_kernel_bandwidth, refractory_violations,
    revised_local_variation, spike_count, time_to_first_spike,
};
pub use spectral::{
    Complex64, SpectralWindow, multitaper_coherence, multitaper_psd, spike_train_coherence,
    spike_train_csd, spike_train_periodogram, spike_train_psd,
};
pub use spike_triggered::{
    mean_phase_vector, phase_locking_value, rayleigh_test, spike_field_coherence,
    spike_triggered_average, spike_triggered_covariance, spike_triggered_phase, vector_strength,
};
pub use surrogates::{
    bin_shuffling, dither_spike_train, dither_spikes, gamma_process, inhomogeneous_poisson_process,
    jitter_spikes, poisson_process, randomise_spikes, shuffle_isis, trial_shifting,
};

//! Point processes: neurons whose spikes are drawn from a stochastic process rather than
//! integrated from a membrane equation (spike sources that can be projection sources, so that
//! plasticity sees their spike times, unlike a stimulus).

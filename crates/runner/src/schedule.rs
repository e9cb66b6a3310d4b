//! Whether a run's steps go in parallel or on one thread, chosen by measuring both.
//!
//! A step's parallel pass costs a synchronisation of the workers (microseconds, much more
//! on a machine shared with other jobs); a small network's whole step can cost less (a
//! 4,000-neuron network steps in about 7 µs on one thread). Instead of guessing from sizes,
//! the engine times slices of steps each way and keeps the faster, trying the other way
//! again every [`RETRY`] slices because the machine's load changes. Blocks are independent,
//! so both ways give the same spikes: this only changes the speed.

use std::time::Duration;

/// Steps per slice: long enough to time (a slice of even a small network takes over a
/// millisecond), short enough that a slice run the slow way costs little.
pub(crate) const SLICE_STEPS: u64 = 250;

/// Every this many slices, both ways are timed again.
const RETRY: u64 = 64;

/// The measurements and the choice.
#[derive(Debug, Clone)]
pub(crate) struct Schedule {
    /// Whether parallel stepping is possible at all (more than one thread).
    can_parallel: bool,
    slices: u64,
    /// Latest seconds per step measured on one thread and in parallel.
    serial: Option<f64>,
    parallel: Option<f64>,
}

impl Schedule {
    pub(crate) fn new(threads: usize) -> Self {
        Schedule {
            can_parallel: threads > 1,
            slices: 0,
            serial: None,
            parallel: None,
        }
    }

    /// Whether the next slice runs in parallel.
    pub(crate) fn next_parallel(&self) -> bool {
        if !self.can_parallel {
            return false;
        }
        match self.slices % RETRY {
            0 => false,
            1 => true,
            _ => match (self.serial, self.parallel) {
                (Some(s), Some(p)) => p <= s,
                _ => true,
            },
        }
    }

    /// Records that a slice of `steps` steps took `took`, run as `parallel` says.
    pub(crate) fn record(&mut self, parallel: bool, steps: u64, took: Duration) {
        let per_step = took.as_secs_f64() / steps.max(1) as f64;
        if parallel {
            self.parallel = Some(per_step);
        } else {
            self.serial = Some(per_step);
        }
        self.slices += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(x: u64) -> Duration {
        Duration::from_millis(x)
    }

    #[test]
    fn one_thread_never_goes_parallel() {
        let mut s = Schedule::new(1);
        for _ in 0..200 {
            assert!(!s.next_parallel());
            s.record(false, 250, ms(1));
        }
    }

    #[test]
    fn keeps_the_faster_way_and_tries_again_periodically() {
        // Parallel is faster: after the two trial slices, every slice is parallel but the
        // serial trial of each retry period.
        let mut s = Schedule::new(2);
        let mut serial_slices = Vec::new();
        for i in 0..(2 * RETRY) {
            let p = s.next_parallel();
            if !p {
                serial_slices.push(i);
            }
            s.record(p, 250, if p { ms(1) } else { ms(2) });
        }
        assert_eq!(serial_slices, [0, RETRY]);

        // Serial is faster: only the parallel trial slices are parallel.
        let mut s = Schedule::new(2);
        let mut parallel_slices = Vec::new();
        for i in 0..(2 * RETRY) {
            let p = s.next_parallel();
            if p {
                parallel_slices.push(i);
            }
            s.record(p, 250, if p { ms(3) } else { ms(1) });
        }
        assert_eq!(parallel_slices, [1, RETRY + 1]);
    }

    #[test]
    fn follows_a_change_of_load_at_the_next_retry() {
        let mut s = Schedule::new(2);
        for _ in 0..RETRY {
            let p = s.next_parallel();
            s.record(p, 250, if p { ms(1) } else { ms(2) });
        }
        // The machine got busy: parallel slices now take longer than serial ones.
        for _ in 0..2 {
            let p = s.next_parallel();
            s.record(p, 250, if p { ms(5) } else { ms(2) });
        }
        assert!(!s.next_parallel());
    }
}

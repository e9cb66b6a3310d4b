//! Whether a run's steps go in parallel or on one thread, chosen by measuring both.
//!
//! A step's parallel pass costs a synchronisation of the workers (microseconds, and much
//! more, irregularly, on a machine shared with other jobs); a small network's whole step can
//! cost less (a 4,000-neuron network steps in 7–8 µs on one thread). Instead of guessing
//! from sizes, the engine runs trials: runs of [`TRIAL_RUN`] steps alternate between the two
//! ways until each has [`TRIAL_STEPS`] steps, so that both see the same activity (a
//! network's activity, hence its step cost, fluctuates from one run of steps to the next);
//! then the faster way runs for [`KEEP_STEPS`] steps, and the trial repeats (the machine's
//! load changes). Blocks are independent, so both ways give the same spikes: this only
//! changes the speed.

use std::time::Duration;

/// Steps of one run in a trial: long enough that a worker woken at its start costs little
/// (tens of µs against about 0.4 ms for a small network's run).
const TRIAL_RUN: u64 = 50;

/// Steps each way per trial.
const TRIAL_STEPS: u64 = 200;

/// Steps run the faster way between trials (the trial's slower half costs at most
/// TRIAL_STEPS / KEEP_STEPS, 2.5 %, of the slowdown).
const KEEP_STEPS: u64 = 8_000;

/// Steps of one run outside trials.
const KEEP_RUN: u64 = 250;

/// The measurements and the choice.
#[derive(Debug, Clone)]
pub(crate) struct Schedule {
    /// Whether parallel stepping is possible at all (more than one thread).
    can_parallel: bool,
    phase: Phase,
}

#[derive(Debug, Clone)]
enum Phase {
    /// Alternating runs; `[serial, parallel]` time and steps so far.
    Trial {
        took: [Duration; 2],
        steps: [u64; 2],
        next_parallel: bool,
    },
    /// The faster way, for `left` more steps.
    Keep { parallel: bool, left: u64 },
}

const TRIAL: Phase = Phase::Trial {
    took: [Duration::ZERO; 2],
    steps: [0; 2],
    next_parallel: false,
};

impl Schedule {
    pub(crate) fn new(threads: usize) -> Self {
        Schedule {
            can_parallel: threads > 1,
            phase: TRIAL,
        }
    }

    /// The next run: whether it is parallel, and at most how many steps it has.
    pub(crate) fn next_run(&self) -> (bool, u64) {
        match self.phase {
            _ if !self.can_parallel => (false, u64::MAX),
            Phase::Trial { next_parallel, .. } => (next_parallel, TRIAL_RUN),
            Phase::Keep { parallel, left } => (parallel, left.min(KEEP_RUN)),
        }
    }

    /// Records that a run of `steps` steps took `took`, run as `parallel` says.
    pub(crate) fn record(&mut self, parallel: bool, steps: u64, took: Duration) {
        match &mut self.phase {
            _ if !self.can_parallel => {}
            Phase::Trial {
                took: t,
                steps: n,
                next_parallel,
            } => {
                t[parallel as usize] += took;
                n[parallel as usize] += steps;
                *next_parallel = !parallel;
                if n.iter().all(|&k| k >= TRIAL_STEPS) {
                    let per_step = |w: usize| t[w].as_secs_f64() / n[w] as f64;
                    self.phase = Phase::Keep {
                        parallel: per_step(1) <= per_step(0),
                        left: KEEP_STEPS,
                    };
                }
            }
            Phase::Keep { left, .. } => {
                *left = left.saturating_sub(steps);
                if *left == 0 {
                    self.phase = TRIAL;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Drives a schedule for `total` steps where a step costs `serial` or `parallel` µs;
    /// returns the steps run in parallel.
    fn parallel_steps(s: &mut Schedule, total: u64, serial: u64, parallel: u64) -> u64 {
        let (mut done, mut in_parallel) = (0, 0);
        while done < total {
            let (p, max) = s.next_run();
            let n = max.min(total - done);
            let cost = if p { parallel } else { serial };
            s.record(p, n, Duration::from_micros(cost * n));
            done += n;
            in_parallel += if p { n } else { 0 };
        }
        in_parallel
    }

    #[test]
    fn one_thread_never_goes_parallel() {
        let mut s = Schedule::new(1);
        assert_eq!(parallel_steps(&mut s, 100_000, 1, 1), 0);
    }

    #[test]
    fn trial_alternates_then_keeps_the_faster_way() {
        let mut s = Schedule::new(2);
        let mut ways = Vec::new();
        for _ in 0..8 {
            let (p, n) = s.next_run();
            assert_eq!(n, TRIAL_RUN);
            ways.push(p);
            s.record(p, n, Duration::from_micros(if p { 50 } else { 100 }));
        }
        assert_eq!(ways, [false, true, false, true, false, true, false, true]);
        assert_eq!(s.next_run(), (true, KEEP_RUN));
    }

    #[test]
    fn runs_mostly_the_faster_way_and_follows_a_change_of_load() {
        let period = 2 * TRIAL_STEPS + KEEP_STEPS;
        let mut s = Schedule::new(2);
        // Parallel faster: everything but the serial half of each trial is parallel.
        assert_eq!(
            parallel_steps(&mut s, 3 * period, 10, 5),
            3 * (period - TRIAL_STEPS)
        );
        // The machine got busy: from the next trial on, only trial runs are parallel.
        assert_eq!(parallel_steps(&mut s, 3 * period, 10, 30), 3 * TRIAL_STEPS);
    }
}

//! Delay ring buffers: input scheduled for a future step, per neuron.
//!
//! Slot `s` holds one value per neuron, contiguous, so that reading the input due now is one
//! slice. A buffer with `slots` slots accepts delays of `1..slots` steps.

/// Per-neuron ring buffer of pending synaptic input.
#[derive(Debug, Clone)]
pub struct DelayRing {
    n: usize,
    slots: usize,
    buf: Vec<f64>,
}

impl DelayRing {
    /// A ring for `n` neurons holding delays up to `max_delay_steps` (>= 1).
    pub fn new(n: usize, max_delay_steps: usize) -> Self {
        let slots = max_delay_steps.max(1) + 1;
        DelayRing {
            n,
            slots,
            buf: vec![0.0; n * slots],
        }
    }

    /// Number of neurons.
    pub fn len(&self) -> usize {
        self.n
    }

    /// Whether the ring holds no neuron.
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// The largest delay (in steps) this ring holds.
    pub fn max_delay(&self) -> usize {
        self.slots - 1
    }

    #[inline]
    fn base(&self, step: u64) -> usize {
        (step % self.slots as u64) as usize * self.n
    }

    /// Adds `value` for `neuron` to the input due at step `due` (must lie within
    /// `max_delay` steps after the current step).
    #[inline]
    pub fn add(&mut self, due: u64, neuron: usize, value: f64) {
        let b = self.base(due);
        self.buf[b + neuron] += value;
    }

    /// The input due at `step`, for every neuron.
    pub fn due(&self, step: u64) -> &[f64] {
        let b = self.base(step);
        &self.buf[b..b + self.n]
    }

    /// Mutable access to the slot of `step` (to add and clear in place).
    pub fn due_mut(&mut self, step: u64) -> &mut [f64] {
        let b = self.base(step);
        &mut self.buf[b..b + self.n]
    }

    /// Clears the slot of `step` after it was consumed, making it free for `step + slots`.
    pub fn clear(&mut self, step: u64) {
        self.due_mut(step).iter_mut().for_each(|x| *x = 0.0);
    }

    /// The whole buffer (for checkpoints).
    pub fn raw(&self) -> &[f64] {
        &self.buf
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_arrives_exactly_when_due() {
        let mut r = DelayRing::new(3, 4);
        r.add(7, 1, 0.5);
        r.add(7, 1, 0.25);
        r.add(9, 2, 1.0);
        assert_eq!(r.due(7), &[0.0, 0.75, 0.0]);
        r.clear(7);
        assert_eq!(r.due(8), &[0.0, 0.0, 0.0]);
        assert_eq!(r.due(9), &[0.0, 0.0, 1.0]);
        assert_eq!(r.max_delay(), 4);
    }
}

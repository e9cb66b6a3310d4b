//! Synaptic input channels: for one target block, the delay ring of one synapse kind and the
//! synaptic state it drives (none for delta, a current for exponential/alpha, a conductance
//! for conductance and NMDA synapses).

use crate::SynapseKind;
use sc_neurocore_core::DelayRing;

/// One synapse kind's pending input and state for the neurons of a block.
pub(crate) struct Channel {
    pub kind: SynapseKind,
    pub ring: DelayRing,
    /// Exponential: current; alpha: current; conductance and NMDA: conductance.
    a: Vec<f64>,
    /// Alpha: the current's derivative state.
    b: Vec<f64>,
    /// exp(-h / tau_syn).
    decay: f64,
    /// Exponential, conductance and NMDA: the mean of exp(-s/tau) over a step, tau/h (1 -
    /// e^(-h/tau)), so that the held current (or conductance) carries the step's exact charge
    /// (for a fixed V); alpha: e / tau_syn (ms) scaling of arrivals.
    factor: f64,
    /// Step in ms.
    h: f64,
}

impl Channel {
    pub fn new(kind: SynapseKind, n: usize, max_delay: usize, dt_s: f64) -> Self {
        let h = dt_s * 1e3;
        let (decay, factor) = match kind {
            SynapseKind::Delta => (0.0, 0.0),
            SynapseKind::Exponential { tau_syn } => {
                let tau = tau_syn * 1e3;
                let d = (-h / tau).exp();
                (d, tau / h * (1.0 - d))
            }
            SynapseKind::Alpha { tau_syn } => {
                let tau = tau_syn * 1e3;
                ((-h / tau).exp(), std::f64::consts::E / tau)
            }
            SynapseKind::Conductance { tau_syn: tau, .. }
            | SynapseKind::Nmda { tau_decay: tau, .. } => {
                let tau = tau * 1e3;
                let d = (-h / tau).exp();
                (d, tau / h * (1.0 - d))
            }
        };
        let state = if matches!(kind, SynapseKind::Delta) {
            0
        } else {
            n
        };
        Channel {
            kind,
            ring: DelayRing::new(n, max_delay),
            a: vec![0.0; state],
            b: vec![
                0.0;
                if matches!(kind, SynapseKind::Alpha { .. }) {
                    n
                } else {
                    0
                }
            ],
            decay,
            factor,
            h,
        }
    }

    /// Sets the state at t = 0 (see `Network::set_initial_synaptic_state`): the
    /// conductance or current of each neuron; an alpha channel's derivative stays zero.
    pub fn set_state(&mut self, values: &[f64]) {
        self.a.copy_from_slice(values);
    }

    /// Consumes the input due at `step` and adds this step's effect: jumps for delta
    /// synapses, a current held over the step otherwise. `v` is the membrane variable at the
    /// start of the step (for conductances): a conductance channel's current is its mean
    /// conductance over the step times (e_rev - v).
    ///
    /// Input due at step k arrives at the end of step k, time (k+1) dt: a delta jump is added
    /// after the step's integration, and an arrival on a current channel is added to its
    /// state after this step's current is taken, so that it drives the membrane from
    /// (k+1) dt on (as NEST's `iaf_psc_exp`/`iaf_psc_alpha`/`iaf_cond_exp` do). Both kinds of
    /// synapse thus act exactly the delay after the spike time.
    pub fn apply(&mut self, step: u64, v: &[f64], jump: &mut [f64], current: &mut [f64]) {
        apply_fast(self, step, v, jump, current)
    }
}

sc_neurocore_core::vectorized_fn!(fn apply_fast(
    channel: &mut Channel,
    step: u64,
    v: &[f64],
    jump: &mut [f64],
    current: &mut [f64],
) => Channel::apply_baseline);

impl Channel {
    #[inline(always)]
    fn apply_baseline(&mut self, step: u64, v: &[f64], jump: &mut [f64], current: &mut [f64]) {
        // Constants in locals: the compiler cannot tell that the stores below leave the
        // struct's fields alone, and would reload them in every iteration.
        let (decay, factor, h) = (self.decay, self.factor, self.h);
        let due = self.ring.due_mut(step);
        match self.kind {
            SynapseKind::Delta => {
                for (j, d) in jump.iter_mut().zip(due.iter_mut()) {
                    *j += *d;
                    *d = 0.0;
                }
            }
            SynapseKind::Exponential { .. } => {
                for ((c, s), d) in current
                    .iter_mut()
                    .zip(self.a.iter_mut())
                    .zip(due.iter_mut())
                {
                    *c += *s * factor;
                    *s = *s * decay + *d;
                    *d = 0.0;
                }
            }
            SynapseKind::Alpha { .. } => {
                // I(t) = w (t/tau) e^(1 - t/tau): y' = -y/tau, I' = -I/tau + y, arrivals add
                // w e / tau to y. Exact propagation over one step, current held at its start.
                for (((c, i), y), d) in current
                    .iter_mut()
                    .zip(self.a.iter_mut())
                    .zip(self.b.iter_mut())
                    .zip(due.iter_mut())
                {
                    *c += *i;
                    *i = decay * (*i + h * *y);
                    *y = *y * decay + *d * factor;
                    *d = 0.0;
                }
            }
            SynapseKind::Conductance { e_rev, .. } => {
                for (((c, g), d), &vm) in current
                    .iter_mut()
                    .zip(self.a.iter_mut())
                    .zip(due.iter_mut())
                    .zip(v)
                {
                    *c += *g * factor * (e_rev - vm);
                    *g = *g * decay + *d;
                    *d = 0.0;
                }
            }
            SynapseKind::Nmda { e_rev, mg, .. } => {
                // Arrivals are weight times their source's gating jump (crate::nmda); the
                // summed conductance decays linearly, the block acts on the current.
                for (((c, g), d), &vm) in current
                    .iter_mut()
                    .zip(self.a.iter_mut())
                    .zip(due.iter_mut())
                    .zip(v)
                {
                    *c += *g * factor * (e_rev - vm) * crate::nmda::mg_block(vm, mg);
                    *g = *g * decay + *d;
                    *d = 0.0;
                }
            }
        }
    }
}

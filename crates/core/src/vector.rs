//! Running a loop with the widest vector unit the processor has.
//!
//! Release builds target baseline x86-64 (SSE2: two f64 per instruction) so that the same
//! binary and wheel run on any x86-64 processor. The hot element-wise loops (neuron
//! updates, synaptic channels) are wrapped with [`vectorized_fn!`](crate::vectorized_fn),
//! which on a processor with AVX2 runs a copy compiled for four f64 per instruction,
//! chosen at run time. The operations are the same IEEE operations in the same order (no
//! fused multiply-add is enabled), so both copies give bit-identical results.

/// Defines `fn $name(args)` that calls `$inner(args)` (an `#[inline(always)]` function whose
/// body is the loop), compiled for AVX2 when the processor has it (the check is cached by
/// the standard library), else for the baseline.
///
/// The function may be generic (`fn name<M: Bound>(kernel: &mut Kernel<M>) => inner`, one
/// bound per type parameter), provided `$inner`'s type parameters follow from the arguments.
///
/// ```
/// #[inline(always)]
/// fn scale(x: &mut [f64], by: f64) {
///     x.iter_mut().for_each(|v| *v *= by);
/// }
/// sc_neurocore_core::vectorized_fn!(fn scale_fast(x: &mut [f64], by: f64) => scale);
/// let mut x = vec![1.0, 2.0, 3.0];
/// scale_fast(&mut x, 2.0);
/// assert_eq!(x, [2.0, 4.0, 6.0]);
/// ```
#[macro_export]
macro_rules! vectorized_fn {
    (
        $vis:vis fn $name:ident $(<$($g:ident: $bound:path),+>)?
        ($($arg:ident: $ty:ty),* $(,)?) => $inner:path
    ) => {
        #[inline]
        $vis fn $name $(<$($g: $bound),+>)? ($($arg: $ty),*) {
            #[cfg(target_arch = "x86_64")]
            if ::std::arch::is_x86_feature_detected!("avx2") {
                #[target_feature(enable = "avx2")]
                fn with_avx2 $(<$($g: $bound),+>)? ($($arg: $ty),*) {
                    $inner($($arg),*)
                }
                // SAFETY: calling a function compiled for AVX2 requires only that the
                // processor has AVX2, checked just above.
                #[allow(unsafe_code)]
                unsafe {
                    return with_avx2($($arg),*);
                }
            }
            $inner($($arg),*)
        }
    };
}

#[cfg(test)]
mod tests {
    #[inline(always)]
    fn poly(x: &[f64], out: &mut [f64]) {
        for (o, v) in out.iter_mut().zip(x) {
            *o = v * 0.9 + 0.1 * v * v;
        }
    }
    crate::vectorized_fn!(fn poly_wide(x: &[f64], out: &mut [f64]) => poly);

    #[inline(always)]
    fn scale_by<T: Into<f64>>(by: T, out: &mut [f64]) {
        let by = by.into();
        out.iter_mut().for_each(|v| *v *= by);
    }
    crate::vectorized_fn!(fn scale_wide<T: Into<f64>>(by: T, out: &mut [f64]) => scale_by);

    #[test]
    fn gives_the_same_bits_as_the_baseline_loop() {
        let x: Vec<f64> = (0..1001).map(|i| (i as f64 * 0.37).sin() * 1e3).collect();
        let (mut plain, mut wide) = (vec![0.0; x.len()], vec![0.0; x.len()]);
        poly(&x, &mut plain);
        poly_wide(&x, &mut wide);
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&plain), bits(&wide));
    }

    #[test]
    fn generic_functions_are_multiversioned_too() {
        let x: Vec<f64> = (0..1001).map(|i| (i as f64 * 0.37).sin() * 1e3).collect();
        let (mut plain, mut wide) = (x.clone(), x);
        scale_by(0.3f32, &mut plain);
        scale_wide(0.3f32, &mut wide);
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&plain), bits(&wide));
    }
}

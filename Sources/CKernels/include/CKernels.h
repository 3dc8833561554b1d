// Kernels that need instructions the package is not compiled for everywhere, chosen at run time.
#ifndef CKERNELS_H
#define CKERNELS_H

/// 1 when this CPU runs the AVX-512 skinny product, else 0.
int grpo_skinny_avx512_available(void);

/// out[i, j] (+)= alpha * dot(x[i, :], w[j, :]) for i < m and j in [n0, n1), x (m×k), w (n×k), out (m×n), all
/// row-major. Each output is summed in the same order whatever m, n0 and n1 are: 16 lanes over the first
/// k & ~15 terms, the lanes reduced, then the rest one by one.
void grpo_skinny_avx512(float *out, const float *x, const float *w, long m, long n, long k, long n0, long n1,
                        float alpha, int accumulate);

#endif

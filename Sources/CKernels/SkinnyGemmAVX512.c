// The decoding product out = X·Wᵀ for a batch of rows with AVX-512: blocks of 4 rows of W × 4 rows of X
// keep 16 sixteen-lane accumulators and the 5 operands in 21 of the 32 vector registers, so a loaded
// weight vector feeds 4 FMAs (the AVX2 kernel in Swift manages 2) and the loop is bound by FMAs, not loads.
#include "CKernels.h"

#if defined(__x86_64__)
#include <immintrin.h>

int grpo_skinny_avx512_available(void) { return __builtin_cpu_supports("avx512f"); }

#define TARGET __attribute__((target("avx512f")))

// Lanes summed in one fixed tree (the same for every output), then the tail in order.
TARGET static inline float finish(__m512 acc, const float *x, const float *w, long k16, long k) {
    __m256 half = _mm256_add_ps(_mm512_castps512_ps256(acc), _mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(acc), 1)));
    __m128 quarter = _mm_add_ps(_mm256_castps256_ps128(half), _mm256_extractf128_ps(half, 1));
    quarter = _mm_add_ps(quarter, _mm_movehl_ps(quarter, quarter));
    quarter = _mm_add_ss(quarter, _mm_movehdup_ps(quarter));
    float s = _mm_cvtss_f32(quarter);
    for (long p = k16; p < k; p++) s += x[p] * w[p];
    return s;
}

TARGET static inline void store(float *p, float s, float alpha, int accumulate) {
    *p = accumulate ? *p + s * alpha : s * alpha;
}

TARGET static void one(float *out, const float *x, const float *w, long n, long k, long i, long j, float alpha,
                       int accumulate) {
    long k16 = k & ~15L;
    const float *xi = x + i * k, *wj = w + j * k;
    __m512 acc = _mm512_setzero_ps();
    for (long p = 0; p < k16; p += 16) acc = _mm512_fmadd_ps(_mm512_loadu_ps(xi + p), _mm512_loadu_ps(wj + p), acc);
    store(out + i * n + j, finish(acc, xi, wj, k16, k), alpha, accumulate);
}

TARGET void grpo_skinny_avx512(float *out, const float *x, const float *w, long m, long n, long k, long n0, long n1,
                               float alpha, int accumulate) {
    long k16 = k & ~15L;
    long j = n0;
    for (; j + 4 <= n1; j += 4) {
        const float *w0 = w + j * k, *w1 = w0 + k, *w2 = w1 + k, *w3 = w2 + k;
        long i = 0;
        for (; i + 4 <= m; i += 4) {
            const float *x0 = x + i * k, *x1 = x0 + k, *x2 = x1 + k, *x3 = x2 + k;
            __m512 a[4][4];
            for (int r = 0; r < 4; r++)
                for (int c = 0; c < 4; c++) a[r][c] = _mm512_setzero_ps();
            for (long p = 0; p < k16; p += 16) {
                __m512 u0 = _mm512_loadu_ps(x0 + p), u1 = _mm512_loadu_ps(x1 + p);
                __m512 u2 = _mm512_loadu_ps(x2 + p), u3 = _mm512_loadu_ps(x3 + p);
                __m512 b = _mm512_loadu_ps(w0 + p);
                a[0][0] = _mm512_fmadd_ps(u0, b, a[0][0]); a[1][0] = _mm512_fmadd_ps(u1, b, a[1][0]);
                a[2][0] = _mm512_fmadd_ps(u2, b, a[2][0]); a[3][0] = _mm512_fmadd_ps(u3, b, a[3][0]);
                b = _mm512_loadu_ps(w1 + p);
                a[0][1] = _mm512_fmadd_ps(u0, b, a[0][1]); a[1][1] = _mm512_fmadd_ps(u1, b, a[1][1]);
                a[2][1] = _mm512_fmadd_ps(u2, b, a[2][1]); a[3][1] = _mm512_fmadd_ps(u3, b, a[3][1]);
                b = _mm512_loadu_ps(w2 + p);
                a[0][2] = _mm512_fmadd_ps(u0, b, a[0][2]); a[1][2] = _mm512_fmadd_ps(u1, b, a[1][2]);
                a[2][2] = _mm512_fmadd_ps(u2, b, a[2][2]); a[3][2] = _mm512_fmadd_ps(u3, b, a[3][2]);
                b = _mm512_loadu_ps(w3 + p);
                a[0][3] = _mm512_fmadd_ps(u0, b, a[0][3]); a[1][3] = _mm512_fmadd_ps(u1, b, a[1][3]);
                a[2][3] = _mm512_fmadd_ps(u2, b, a[2][3]); a[3][3] = _mm512_fmadd_ps(u3, b, a[3][3]);
            }
            const float *xs[4] = {x0, x1, x2, x3}, *ws[4] = {w0, w1, w2, w3};
            for (int r = 0; r < 4; r++)
                for (int c = 0; c < 4; c++)
                    store(out + (i + r) * n + j + c, finish(a[r][c], xs[r], ws[c], k16, k), alpha, accumulate);
        }
        for (; i < m; i++)
            for (long c = j; c < j + 4; c++) one(out, x, w, n, k, i, c, alpha, accumulate);
    }
    for (; j < n1; j++)
        for (long i = 0; i < m; i++) one(out, x, w, n, k, i, j, alpha, accumulate);
}

#else
int grpo_skinny_avx512_available(void) { return 0; }
void grpo_skinny_avx512(float *out, const float *x, const float *w, long m, long n, long k, long n0, long n1,
                        float alpha, int accumulate) {
    (void)out; (void)x; (void)w; (void)m; (void)n; (void)k; (void)n0; (void)n1; (void)alpha; (void)accumulate;
}
#endif

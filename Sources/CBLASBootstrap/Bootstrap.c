// Makes every binary linking Autograd run OpenBLAS's best kernels for this CPU.
// Debian's OpenBLAS 0.3.21 falls back to generic SSE3 kernels on CPUs newer than it knows, and reads
// OPENBLAS_CORETYPE only while the library loads, before main. This constructor runs after that load:
// if OpenBLAS picked a weaker core than the CPU supports and the environment does not already name
// one, it sets the variable and re-executes the same binary with the same arguments.
#include "CBLASBootstrap.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

extern char *openblas_get_corename(void);

static int coretype_source = 0;
static const char *requested = "";

int grpo_blas_coretype_source(void) { return coretype_source; }

void grpo_keep_freed_memory(void) {
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 1 << 30);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
}
const char *grpo_blas_requested_coretype(void) { return requested; }

#if defined(__linux__) && defined(__x86_64__)
static const char *wanted_core(void) {
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") &&
        __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq"))
        return "SkylakeX";
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return "Haswell";
    return NULL;
}

static int rank(const char *core) {
    if (core == NULL) return 0;
    if (strcasecmp(core, "skylakex") == 0 || strcasecmp(core, "cooperlake") == 0 ||
        strcasecmp(core, "sapphirerapids") == 0) return 3;
    if (strcasecmp(core, "haswell") == 0 || strcasecmp(core, "zen") == 0) return 2;
    return 1;
}

__attribute__((constructor)) static void grpo_blas_bootstrap(int argc, char **argv, char **envp) {
    (void)argc; (void)envp;
    const char *env = getenv("OPENBLAS_CORETYPE");
    if (env != NULL && env[0] != '\0') {
        coretype_source = getenv("GRPO_BLAS_REEXEC") != NULL ? 2 : 1;
        requested = env;
        unsetenv("GRPO_BLAS_REEXEC");
        return;
    }
    const char *want = wanted_core();
    if (want == NULL) return;
    if (rank(openblas_get_corename()) >= rank(want)) return;
    setenv("OPENBLAS_CORETYPE", want, 1);
    setenv("GRPO_BLAS_REEXEC", "1", 1);
    execv("/proc/self/exe", argv);
    // exec failed (no /proc): carry on with the kernels we have.
    unsetenv("OPENBLAS_CORETYPE");
    unsetenv("GRPO_BLAS_REEXEC");
}
#endif

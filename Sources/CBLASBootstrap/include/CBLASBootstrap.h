#ifndef CBLAS_BOOTSTRAP_H
#define CBLAS_BOOTSTRAP_H

/// How the OpenBLAS core type of this process was chosen: 0 = left to OpenBLAS, 1 = taken from the
/// environment, 2 = set by us before OpenBLAS loaded (the process re-executed itself once).
int grpo_blas_coretype_source(void);

/// The core type we asked for (empty when we asked for none).
const char *grpo_blas_requested_coretype(void);

/// Keeps freed large allocations in the heap (glibc): tensors of the same sizes come back every step,
/// and unmapping them makes every step pay the page faults of fresh pages again.
void grpo_keep_freed_memory(void);

#endif

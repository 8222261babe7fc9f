#ifndef UNIONSITE_CUNIONSITE_H
#define UNIONSITE_CUNIONSITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE).
/// Returns 0 on success, -1 with errno set where the system or file system cannot.
int unionsite_exchange_paths(const char *a, const char *b);

/// Whether UTF-8 text holds a character the site removes as invisible: a control character
/// other than tab, line feed and carriage return, DEL, U+200B, or U+FEFF anywhere but at the start.
bool unionsite_contains_invisibles(const uint8_t *bytes, size_t count);

/// The reads of the page rendering on this thread (Site's `Reads`), or NULL. A C thread-local
/// rather than pthread_getspecific: every property a template reads of the site notes a fact
/// here, and a thread-local variable is one instruction where the call is dozens.
extern __thread void *unionsite_current_reads __attribute__((tls_model("initial-exec")));

static inline void *unionsite_reads(void) { return unionsite_current_reads; }
static inline void unionsite_set_reads(void *reads) { unionsite_current_reads = reads; }

#endif

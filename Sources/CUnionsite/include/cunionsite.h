#ifndef UNIONSITE_CUNIONSITE_H
#define UNIONSITE_CUNIONSITE_H

/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE).
/// Returns 0 on success, -1 with errno set where the system or file system cannot.
int unionsite_exchange_paths(const char *a, const char *b);

#endif

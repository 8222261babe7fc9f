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

#endif

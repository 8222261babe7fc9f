// The one system call Swift cannot reach: syscall() is variadic and unavailable in Swift.
#define _GNU_SOURCE
#include "cunionsite.h"
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/syscall.h>
#endif

int unionsite_exchange_paths(const char *a, const char *b) {
#if defined(__linux__) && defined(SYS_renameat2)
    return (int)syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, 2 /* RENAME_EXCHANGE */);
#else
    errno = ENOSYS;
    return -1;
#endif
}

__thread void *unionsite_current_reads __attribute__((tls_model("initial-exec"))) = NULL;

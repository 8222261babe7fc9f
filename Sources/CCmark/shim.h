// The one place libcmark's header enters Swift; only the Markdown module imports CCmark.
#include <cmark.h>

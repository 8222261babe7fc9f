// The one place gumbo's header enters Swift; only the HTML module imports CGumbo.
#include <gumbo.h>

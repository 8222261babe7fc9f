// The one place OpenCC's C interface enters Swift; only the Site module's ScriptConverter uses it.
#include <opencc.h>

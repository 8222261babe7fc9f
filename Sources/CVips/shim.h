// libvips (Debian's libvips-dev): photos decoded at reduced scale, resized, rotated upright and
// saved without their metadata. Its API takes variable arguments, which Swift cannot pass: the
// calls go through CVipsShim.
#include <vips/vips.h>

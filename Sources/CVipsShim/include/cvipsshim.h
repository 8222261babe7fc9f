#ifndef CVIPSSHIM_H
#define CVIPSSHIM_H

#include <vips/vips.h>

/// Starts libvips once per process; 0 on success.
int us_vips_start(void);

/// The size of the image in `path` as a reader sees it (after its EXIF orientation) and whether it
/// has more than one page (an animation), read from its header without decoding its pixels;
/// 0 on success.
int us_vips_header(const char *path, int *width, int *height, int *pages);

/// The image in `path`, made at most `width` × `height` (never larger), rotated upright by its
/// EXIF orientation; with `crop`, filled to exactly that size and cropped around what draws
/// the eye (libvips' attention). Decoded at a reduced scale where the format allows, and held
/// in memory, so that saving it in several formats decodes the photo once. NULL on an error
/// (`us_vips_error`).
VipsImage *us_vips_thumbnail(const char *path, int width, int height, int crop);

/// Saves `image` to `path` as JPEG (`format` 0), WebP (1) or PNG (2, lossless) at `quality`, without any metadata
/// (EXIF, GPS, XMP, ICC, thumbnails); 0 on success.
int us_vips_save(VipsImage *image, const char *path, int format, int quality);

/// Whether this libvips has a loader for the file at `path` (HEIC needs libheif's module).
int us_vips_can_load(const char *path);

/// The image's width and height.
int us_vips_width(VipsImage *image);
int us_vips_height(VipsImage *image);

void us_vips_release(VipsImage *image);

/// libvips' last error message (the thread's), and clears it. Never NULL.
const char *us_vips_error(void);

/// Writes a `width` × `height` image with a gradient and the raw EXIF block `exif` (starting
/// `Exif\0\0`), metadata kept, in the format of the name's suffix (JPEG, HEIC, PNG, WebP): a
/// phone's photo, for the tests; with `pages` over 1, an animation of that many frames.
/// 0 on success.
int us_vips_write_test_image(const char *path, int width, int height, const void *exif, size_t exif_length, int pages);

#endif

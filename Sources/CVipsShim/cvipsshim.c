#include "cvipsshim.h"
#include <string.h>

int us_vips_start(void) {
    return VIPS_INIT("unionsite");
}

int us_vips_header(const char *path, int *width, int *height, int *pages) {
    VipsImage *image = vips_image_new_from_file(path, "access", VIPS_ACCESS_SEQUENTIAL, NULL);
    if (!image) return -1;
    int w = vips_image_get_width(image), h = vips_image_get_height(image);
    // Orientations 5 to 8 turn the picture a quarter: the reader sees it the other way round.
    int orientation = vips_image_get_orientation(image);
    if (orientation >= 5 && orientation <= 8) { int t = w; w = h; h = t; }
    *width = w;
    *height = h;
    *pages = vips_image_get_n_pages(image);
    g_object_unref(image);
    return 0;
}

VipsImage *us_vips_thumbnail(const char *path, int width, int height, int crop) {
    VipsImage *out = NULL;
    // Colours into sRGB when the photo has a profile (an iPhone's Display P3), since the copy
    // keeps no profile.
    if (vips_thumbnail(path, &out, width, "height", height, "size", VIPS_SIZE_DOWN,
                       "crop", crop ? VIPS_INTERESTING_ATTENTION : VIPS_INTERESTING_NONE,
                       "export_profile", "srgb", NULL)) return NULL;
    // Held in memory, small as it is now: each format saved from it then reads these pixels,
    // where saving the lazy pipeline twice would decode the photo twice.
    VipsImage *held = vips_image_copy_memory(out);
    g_object_unref(out);
    return held;
}

/// Collects the names of the metadata fields a copy must not keep.
static void *collect_metadata(VipsImage *image, const char *name, GValue *value, void *list) {
    (void)image; (void)value;
    if (vips_isprefix("exif-", name) || vips_isprefix("xmp-", name) || vips_isprefix("iptc-", name) ||
        vips_isprefix("icc-", name) || vips_isprefix("gps", name) || strcmp(name, "orientation") == 0 ||
        vips_isprefix("jpeg-thumbnail", name)) {
        GSList **names = list;
        *names = g_slist_prepend(*names, g_strdup(name));
    }
    return NULL;
}

/// Removes every metadata field from `image`: the savers' `strip` does not reach WebP's EXIF in
/// libvips 8.14.
static void remove_metadata(VipsImage *image) {
    GSList *names = NULL;
    vips_image_map(image, collect_metadata, &names);
    for (GSList *n = names; n; n = n->next) {
        vips_image_remove(image, n->data);
        g_free(n->data);
    }
    g_slist_free(names);
}

int us_vips_save(VipsImage *image, const char *path, int format, int quality) {
    remove_metadata(image);
    if (format == 1) return vips_webpsave(image, path, "Q", quality, "strip", TRUE, NULL);
    // A PNG keeps its transparency and its sharp edges (a screenshot, a chart): lossless.
    if (format == 2) return vips_pngsave(image, path, "strip", TRUE, "compression", 9, NULL);
    return vips_jpegsave(image, path, "Q", quality, "strip", TRUE, "optimize_coding", TRUE, "interlace", TRUE, NULL);
}

int us_vips_can_load(const char *path) {
    int found = vips_foreign_find_load(path) != NULL;
    vips_error_clear();
    return found;
}

int us_vips_width(VipsImage *image) { return vips_image_get_width(image); }
int us_vips_height(VipsImage *image) { return vips_image_get_height(image); }

void us_vips_release(VipsImage *image) {
    if (image) g_object_unref(image);
}

const char *us_vips_error(void) {
    static __thread char message[512];
    const char *text = vips_error_buffer();
    strncpy(message, text ? text : "", sizeof message - 1);
    message[sizeof message - 1] = 0;
    vips_error_clear();
    return message;
}

int us_vips_write_test_image(const char *path, int width, int height, const void *exif, size_t exif_length, int pages) {
    VipsImage *xy = NULL, *band = NULL, *scaled = NULL, *rgb = NULL;
    int result = -1;
    if (pages < 1) pages = 1;
    // A diagonal gradient in three bands, so that crops and sizes show in the pixels; an
    // animation's frames one under the other, as libvips holds them.
    if (vips_xyz(&xy, width, height * pages, NULL)) goto done;
    // Frames that differ (down the frames: a gradient across would make them equal, and an
    // encoder writes equal frames as one picture).
    int across = pages > 1 ? height * pages : width;
    if (vips_extract_band(xy, &band, pages > 1 ? 1 : 0, NULL)) goto done;
    if (vips_linear1(band, &scaled, 255.0 / (across > 1 ? across - 1 : 1), 0.0, "uchar", TRUE, NULL)) goto done;
    VipsImage *bands[3] = {scaled, scaled, scaled};
    if (vips_bandjoin(bands, &rgb, 3, NULL)) goto done;
    if (exif && exif_length) vips_image_set_blob_copy(rgb, "exif-data", exif, exif_length);
    if (pages > 1) vips_image_set_int(rgb, "page-height", height);
    // The saver by the name's suffix: .jpg, or .heic as an iPhone writes.
    result = vips_image_write_to_file(rgb, path, NULL);
done:
    if (xy) g_object_unref(xy);
    if (band) g_object_unref(band);
    if (scaled) g_object_unref(scaled);
    if (rgb) g_object_unref(rgb);
    return result;
}

#!/usr/bin/env python3
"""The sample site with phone photos in it, for the checkers (Nu, linkchecker, axe) to meet
pages with photos, and a check of what the build published of them.

    python3 Tests/photos/photo_site.py make SITE OUT    # OUT: a copy of SITE with photos
    python3 Tests/photos/photo_site.py verify PUBLIC    # no published image keeps metadata

`make` adds an article scheduled for 2099 (build with --future to see its banner) and a withdrawn
one, and gives every article without a cover a JPEG cover and a photo at the end of its body,
each with the EXIF a phone writes (the camera, the GPS position of the workshop; every third one
turned by orientation 6, as a phone held upright writes it), one article a transparent PNG
chart, and the people among the honorees a photo. The pictures are drawn here (a sky, buildings,
people), so nothing is downloaded. `verify` fails when a published JPEG, WebP or PNG keeps EXIF,
GPS or the camera's name, when a turned photo's copies are not upright, or when a photo is
published whole. Needs Pillow.
"""
import random
import re
import shutil
import sys
from pathlib import Path

from PIL import Image, ImageDraw

CAMERA = "UnionPhone 12"
# A folder of the site is copied when present.
PARTS = ["site.yml", "script-overrides.yml", "content", "templates", "data"]


def scene(width, height, seed):
    """A street scene of sorts: sky, buildings, people, and grain (so it compresses as a photo)."""
    rnd = random.Random(seed)
    img = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(img)
    top, bottom = (rnd.randint(90, 140), rnd.randint(150, 190), 235), (230, 235, 240)
    horizon = int(height * rnd.uniform(0.45, 0.6))
    for y in range(horizon):
        t = y / horizon
        draw.line([(0, y), (width, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom)))
    draw.rectangle([0, horizon, width, height], fill=(120, 118, 110))
    x = 0
    while x < width:
        w = rnd.randint(width // 12, width // 5)
        h = rnd.randint(height // 6, horizon - height // 20)
        colour = tuple(rnd.randint(110, 220) for _ in range(3))
        draw.rectangle([x, horizon - h, x + w, horizon], fill=colour)
        for wy in range(horizon - h + 20, horizon - 20, max(12, h // 8)):
            for wx in range(x + 10, x + w - 10, max(12, w // 6)):
                draw.rectangle([wx, wy, wx + w // 14, wy + h // 16], fill=(60, 70, 90))
        x += w + rnd.randint(0, width // 30)
    # A red banner and a few people where the eye goes.
    bx = rnd.randint(width // 8, width // 2)
    draw.rectangle([bx, horizon - height // 5, bx + width // 3, horizon - height // 7], fill=(200, 30, 30))
    for _ in range(rnd.randint(3, 7)):
        px = rnd.randint(width // 6, width * 5 // 6)
        r = height // 40
        draw.ellipse([px - r, horizon + r, px + r, horizon + 3 * r], fill=(240, 200, 170))
        draw.rectangle([px - r, horizon + 3 * r, px + r, horizon + 9 * r], fill=tuple(rnd.randint(0, 255) for _ in range(3)))
    noise = Image.effect_noise((width, height), 18).convert("RGB")
    return Image.blend(img, noise, 0.08)


def save_phone_jpeg(path, width, height, seed, turned):
    """A JPEG as a phone writes it: with the camera, the GPS position and, when `turned`,
    orientation 6 (the pixels lie on their side; a reader turns them upright)."""
    img = scene(height, width, seed) if turned else scene(width, height, seed)
    if turned:
        img = img.transpose(Image.Transpose.ROTATE_90)  # stored on its side, as the sensor saw it
    exif = Image.Exif()
    exif[0x010F] = "UnionPhone"  # Make
    exif[0x0110] = CAMERA  # Model
    exif[0x0112] = 6 if turned else 1  # Orientation
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (33.0, 0.0, 30.0), 3: "E", 4: (118.0, 29.0, 0.0)})
    img.save(path, "JPEG", quality=88, exif=exif)


def save_chart_png(path):
    """A transparent bar chart, as a spreadsheet exports it."""
    img = Image.new("RGBA", (1400, 800), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    for k, v in enumerate([320, 540, 410, 700, 620]):
        draw.rectangle([120 + k * 240, 760 - v, 280 + k * 240, 760], fill=(178, 34, 34, 255))
    draw.line([(80, 760), (1340, 760)], fill=(40, 40, 40, 255), width=4)
    img.save(path, "PNG")


def add_front_matter(text, line):
    assert text.startswith("---\n")
    return "---\n" + line + "\n" + text[4:]


def make(site, out):
    site, out = Path(site), Path(out)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for part in PARTS:
        src = site / part
        if src.is_dir():
            shutil.copytree(src, out / part)
        elif src.exists():
            shutil.copy(src, out / part)
    articles = sorted((out / "content/news").rglob("*.md"))
    for k, md in enumerate(articles):
        text = md.read_text(encoding="utf-8")
        front = text.split("\n---\n", 1)[0]
        if md.name == "_index.md" or re.search(r"^(cover|封面):", front, re.M):
            continue
        stem = md.stem
        save_phone_jpeg(md.with_name(stem + "-cover.jpg"), 2400, 1600, seed=k, turned=False)
        turned = k % 3 == 0
        scene_name = stem + ("-upright.jpg" if turned else "-scene.jpg")
        save_phone_jpeg(md.with_name(scene_name), 4000, 3000, seed=100 + k, turned=turned)
        text = add_front_matter(text, f"cover: {stem}-cover.jpg")
        text = text.rstrip("\n") + f"\n\n![活动现场，职工们在车间前合影]({scene_name})\n"
        if k == 0:
            save_chart_png(md.with_name(stem + "-chart.png"))
            text += f"\n![五年来入会职工人数的柱状图]({stem}-chart.png)\n"
        md.write_text(text, encoding="utf-8")
    # A newsroom's cases beside the photos: an article scheduled for later (built with --future,
    # as serve shows it, with its banner) and one withdrawn (its address keeps a notice).
    (out / "content/news/scheduled.md").write_text(
        "---\ntitle: 定时发布的预告\ndate: 2099-01-01 08:00\ncolumn: 工会动态\n---\n这篇文章到时间才发布。\n", encoding="utf-8")
    (out / "content/news/withdrawn.md").write_text(
        "---\ntitle: 已经撤下的稿件\ndate: 2024-01-02\n撤稿时间: 2024-02-01\n---\n撤下的正文。\n", encoding="utf-8")
    for k, md in enumerate(sorted((out / "content/honorees").glob("*.md"))):
        text = md.read_text(encoding="utf-8")
        front = text.split("\n---\n", 1)[0]
        if not re.search(r"^kind: person", front, re.M) or re.search(r"^(photo|照片):", front, re.M):
            continue
        save_phone_jpeg(md.with_name(md.stem + ".jpg"), 1800, 2400, seed=200 + k, turned=False)
        md.write_text(add_front_matter(text, f"photo: {md.stem}.jpg"), encoding="utf-8")
    print(f"photo site: {out} ({len(list(out.rglob('*.jpg')))} JPEGs, {len(list(out.rglob('*.png')))} PNG)")


def verify(public):
    public = Path(public)
    problems, count = [], 0
    for path in sorted(public.rglob("*")):
        if path.suffix.lower() not in {".jpg", ".jpeg", ".webp", ".png"}:
            continue
        count += 1
        rel = path.relative_to(public).as_posix()
        data = path.read_bytes()
        if CAMERA.encode() in data or b"UnionPhone" in data:
            problems.append(f"{rel}: keeps the camera's name")
        with Image.open(path) as img:
            if len(img.getexif()):
                problems.append(f"{rel}: keeps EXIF {dict(img.getexif())}")
            if "-upright-" in rel and img.width >= img.height:
                problems.append(f"{rel}: {img.width}×{img.height}, expected upright (taller than wide)")
        if re.search(r"-(cover|scene|upright)\.jpg$", rel) or rel.endswith("-chart.png"):
            problems.append(f"{rel}: the photo is published whole (photo_originals is off)")
    if count == 0:
        problems.append("no image published at all")
    for p in problems:
        print("photo site:", p, file=sys.stderr)
    print(f"photo site: {count} published images checked, {len(problems)} problems")
    return not problems


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "make":
        make(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 3 and sys.argv[1] == "verify":
        sys.exit(0 if verify(sys.argv[2]) else 1)
    else:
        sys.exit(__doc__)

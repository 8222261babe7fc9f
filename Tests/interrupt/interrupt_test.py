#!/usr/bin/env python3
"""A build interrupted by SIGINT or SIGTERM leaves the old site or the new one, never a mix.

Builds a generated site (../shared/bench's corpus, small) once, changes every article, then
starts `unionsite build` again and interrupts it at increasing delays, from before the first
file is read to after the last file is in place. After each interruption public/ must be
byte-identical to the old build or to a complete new build, and no staging folder may be left
once a later build has run. Then the same with one article changed: a build over an existing
site writes only the changed files, and must not be cut off halfway through them either.
Usage: interrupt_test.py BINARY [ARTICLES]
"""
import hashlib, os, shutil, signal, subprocess, sys, tempfile, time

binary = os.path.abspath(sys.argv[1])
articles = sys.argv[2] if len(sys.argv) > 2 else "300"
here = os.path.dirname(os.path.abspath(__file__))
repo = os.path.abspath(os.path.join(here, "..", ".."))
gen = os.path.join(repo, "..", "shared", "bench", "gen_corpus.py")

def tree(folder):
    out = {}
    for root, _, files in os.walk(folder):
        for f in files:
            p = os.path.join(root, f)
            with open(p, "rb") as fh:
                out[os.path.relpath(p, folder)] = hashlib.sha1(fh.read()).hexdigest()
    return out

def build(site, check=True):
    r = subprocess.run([binary, "build", "--quiet", "--source", site], capture_output=True, text=True)
    if check and r.returncode != 0:
        sys.exit(f"interrupt test: build failed: {r.stderr}")

work = tempfile.mkdtemp(prefix="unionsite-interrupt-")
try:
    site = os.path.join(work, "site")
    subprocess.run([sys.executable, gen, "--articles", articles, "--out", site], check=True, stdout=subprocess.DEVNULL)
    build(site)
    old = tree(os.path.join(site, "public"))
    # Change every article, so the new site differs from the old one on every article page.
    for root, _, files in os.walk(os.path.join(site, "content", "news")):
        for f in files:
            with open(os.path.join(root, f), "a", encoding="utf-8") as fh:
                fh.write("\n新增一段。\n")
    ref = os.path.join(work, "ref")
    shutil.copytree(site, ref, ignore=shutil.ignore_patterns("public"))
    build(ref)
    new = tree(os.path.join(ref, "public"))
    assert old != new
    def interrupt(old, new, delays):
        """Interrupts a build of `site` after each delay; public/ must be `old` or `new` after each."""
        outcomes = {"old": 0, "new": 0}
        for i, delay in enumerate(delays):
            sig = signal.SIGINT if i % 2 == 0 else signal.SIGTERM
            p = subprocess.Popen([binary, "build", "--quiet", "--source", site], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(delay)
            p.send_signal(sig)
            p.wait()
            now = tree(os.path.join(site, "public"))
            if now == old:
                outcomes["old"] += 1
            elif now == new:
                outcomes["new"] += 1
                old = new   # from now on the new site is the one that must survive
            else:
                changed = sorted(k for k in set(now) | set(new) if now.get(k) != new.get(k) and now.get(k) != old.get(k))
                sys.exit(f"interrupt test: after {sig.name} at {delay} s public/ is neither the old nor the new site: {changed[:5]}")
        return outcomes

    every = interrupt(old, new, [0.0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.45, 0.6, 0.9, 1.3, 2.0])

    # One article changed: only its files are rewritten, in place.
    build(site)
    old = tree(os.path.join(site, "public"))
    first = sorted(os.path.join(r, f) for r, _, fs in os.walk(os.path.join(site, "content", "news")) for f in fs)[0]
    with open(first, "a", encoding="utf-8") as fh:
        fh.write("\n只改这一篇。\n")
    shutil.rmtree(ref)
    shutil.copytree(site, ref, ignore=shutil.ignore_patterns("public"))
    build(ref)
    new = tree(os.path.join(ref, "public"))
    assert old != new
    one = interrupt(old, new, [0.0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.7, 1.0, 1.5])
    build(site)
    leftovers = [e for e in os.listdir(site) if e.startswith(".public.")]
    if leftovers:
        sys.exit(f"interrupt test: left behind after a later build: {leftovers}")
    print(f"interrupt test: 12 interrupted builds with every article changed left the old site {every['old']} times "
          f"and the new one {every['new']} times; 10 with one article changed, {one['old']} and {one['new']}; "
          f"never a mix; no staging folder left after the next build")
finally:
    shutil.rmtree(work, ignore_errors=True)

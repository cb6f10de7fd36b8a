#!/usr/bin/env python3
"""Verify corpus/fundus-news.warc.gz with warcio (a dev-time check, not needed by newsmine).

    python3 -m venv /tmp/warcvenv && /tmp/warcvenv/bin/pip install warcio
    /tmp/warcvenv/bin/python tools/corpus/verify_warc.py corpus/fundus-news-000.warc.gz

Reads every record back with warcio's ArchiveIterator (check_digests=True, which raises on a
digest mismatch), recomputes sha1 of block and payload independently, and checks the record
layout: one warcinfo first, then resource records with URI, date, Content-Type and unique IDs.
Exits non-zero on any problem.
"""
import base64
import hashlib
import re
import sys

from warcio.archiveiterator import ArchiveIterator


def b32(data):
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


def main(path):
    types, ids, problems = [], set(), []
    with open(path, "rb") as f:
        it = ArchiveIterator(f, check_digests="raise")
        for rec in it:
            h = rec.rec_headers
            t = rec.rec_type
            types.append(t)
            rid = h.get_header("WARC-Record-ID")
            if rid in ids:
                problems.append("duplicate id %s" % rid)
            ids.add(rid)
            if h.protocol != "WARC/1.1":
                problems.append("%s: version %s" % (rid, h.protocol))
            block = rec.content_stream().read()
            if len(block) != int(h.get_header("Content-Length")):
                problems.append("%s: length" % rid)
            if b32(block) != h.get_header("WARC-Block-Digest"):
                problems.append("%s: block digest" % rid)
            if t == "resource":
                if b32(block) != h.get_header("WARC-Payload-Digest"):
                    problems.append("%s: payload digest" % rid)
                if not h.get_header("WARC-Target-URI", "").startswith("http"):
                    problems.append("%s: target uri" % rid)
                if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", h.get_header("WARC-Date", "")):
                    problems.append("%s: date %s" % (rid, h.get_header("WARC-Date")))
                if not h.get_header("Content-Type", "").startswith("text/html"):
                    problems.append("%s: content-type" % rid)
                if rec.http_headers is not None:
                    problems.append("%s: unexpected HTTP headers" % rid)
    if not types or types[0] != "warcinfo" or any(t != "resource" for t in types[1:]):
        problems.append("record sequence: %s..." % types[:3])
    print("%s: %d records (%s warcinfo, %d resource), digests checked by warcio and recomputed; %s"
          % (path, len(types), types.count("warcinfo"), types.count("resource"),
             "OK" if not problems else "%d PROBLEMS" % len(problems)))
    for p in problems[:20]:
        print("  " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "corpus/fundus-news-000.warc.gz"))

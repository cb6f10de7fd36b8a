#!/usr/bin/env python3
"""Assemble the labelled gold set for `newsmine eval` from the labellers' files.

Inputs: tests/fixtures/gold/labels-part*.jsonl (labels only, one line per article, written by
hand following tests/fixtures/gold/LABELLING.md), the bundled corpus (texts) and the seed op-ed.
Outputs: tests/fixtures/gold/dev.jsonl (the development set, tuned on) and
tests/fixtures/gold/holdout.jsonl (20 articles set aside before any tuning; seed 2026), and
tests/fixtures/gold/check.jsonl from labels-part5.jsonl: 40 more articles (random.seed(7007)
among the press releases not yet labelled) labelled after the first round of tuning, by a
labeller who never saw the tagger, to measure how the tuned rules do on unseen text.
The first sample was drawn at random (Python random.seed(4004), 100 of the 1,704 press
releases) before labelling.

    python3 tools/gold/assemble.py
"""
import glob
import json
import os
import random
import sys

# Parts labelled after tuning began: they form check.jsonl, never dev or holdout.
FRESH_PARTS = {"labels-part5.jsonl"}
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GOLD = os.path.join(ROOT, "tests", "fixtures", "gold")


def texts():
    out = {}
    with open(os.path.join(ROOT, "corpus", "kz-gov-press.jsonl"), encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            out[a["id"]] = a["text"]
    with open(os.path.join(ROOT, "tests", "fixtures", "astana-times-regions.txt"), encoding="utf-8") as f:
        seed = f.read()
    # The labelled seed is the op-ed without its newsletter footer line.
    seed = seed.split("\nGet The Astana Times stories")[0].rstrip() + "\n"
    out["astana-times-regions"] = seed
    return out


def main():
    text = texts()
    labelled = []
    fresh = []
    for path in sorted(glob.glob(os.path.join(GOLD, "labels-part*.jsonl"))):
        into = fresh if os.path.basename(path) in FRESH_PARTS else labelled
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                a = json.loads(line)
                if a["id"] not in text:
                    sys.exit("%s:%d: unknown article %s" % (path, n, a["id"]))
                t = text[a["id"]]
                for c in a.get("commitments", []):
                    if c["sentence"] not in t:
                        sys.exit("%s:%d: %s: sentence not in text: %r" % (path, n, a["id"], c["sentence"][:80]))
                into.append({
                    "id": a["id"],
                    "text": t,
                    "published": a.get("published"),
                    "regions": sorted(a.get("regions", [])),
                    "sectors": sorted(a.get("sectors", [])),
                    "commitments": a.get("commitments", []),
                })
    ids = sorted(a["id"] for a in labelled if a["id"] != "astana-times-regions")
    random.seed(2026)
    holdout = set(random.sample(ids, 20))
    dev = [a for a in labelled if a["id"] not in holdout]
    held = [a for a in labelled if a["id"] in holdout]
    for name, rows in (("dev.jsonl", dev), ("holdout.jsonl", held), ("check.jsonl", fresh)):
        with open(os.path.join(GOLD, name), "w", encoding="utf-8") as f:
            for a in sorted(rows, key=lambda a: a["id"]):
                f.write(json.dumps(a, ensure_ascii=False) + "\n")
    for name, rows in (("dev", dev), ("holdout", held), ("check", fresh)):
        print("%s: %d articles, %d commitments" % (name, len(rows), sum(len(a["commitments"]) for a in rows)))


if __name__ == "__main__":
    main()

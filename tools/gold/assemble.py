#!/usr/bin/env python3
"""Assemble the labelled gold set for `newsmine eval` from the labellers' files.

Inputs: tests/fixtures/gold/labels-part*.jsonl (labels only, one line per article, written by
hand following tests/fixtures/gold/LABELLING.md), the bundled corpus (texts) and the seed op-ed.
Outputs: tests/fixtures/gold/dev.jsonl (the development set, tuned on) and
tests/fixtures/gold/holdout.jsonl (20 articles set aside before any tuning; seed 2026), and
tests/fixtures/gold/check.jsonl from labels-part5.jsonl: 40 more articles (random.seed(7007)
among the press releases not yet labelled) labelled after the first round of tuning, by a
labeller who never saw the tagger, to measure how the tuned rules do on unseen text.
Second round (tools/gold/sample.py): parts 6-8 drawn with seed 9009 and parts 10-11 with seed
10010 (excluding parts 1-8), 40 articles each, labelled by five more labellers who never saw
the tagger. Parts 6, 7, 10 and 11 form tests/fixtures/gold/dev2.jsonl (scored once untouched,
then tuned on); part 8 forms tests/fixtures/gold/unseen.jsonl, which is scored but never
inspected or tuned on, like the holdout. Parts 12-15 were drawn with seed 12012 (excluding
parts 1-11) after the first rule changes of that round: 14 and 15 join dev2 (each scored once
before any tuning on it), 12 and 13 join unseen.
Third round: parts 16-21 drawn with seed 16016 (excluding parts 1-15), labelled by six more
labellers who never saw the tagger, split before any of them was scored: 16-19 form
tests/fixtures/gold/dev3.jsonl (scored once untouched, then trained and tuned on) and 20-21
form tests/fixtures/gold/unseen2.jsonl (never inspected; scored untouched with the stop-9 tagger
and with the final one only).
Fourth round: parts 22-25 drawn with seed 22022 (excluding parts 1-21), labelled by four more
labellers who never saw the tagger, split before any of them was scored: 22-23 form
tests/fixtures/gold/dev4.jsonl (scored once untouched, then trained on) and 24-25 form
tests/fixtures/gold/unseen3.jsonl (never inspected; scored untouched with the stop-11 tagger).
Parts 26-31 drawn with seed 26026 (excluding parts 1-25), six more labellers, split before
scoring: 26-29 form tests/fixtures/gold/dev5.jsonl (scored once untouched, then trained on) and
30-31 form tests/fixtures/gold/unseen4.jsonl (never inspected).
Parts 32-39 drawn with seed 32032 (excluding parts 1-31), eight more labellers, split before
scoring: 32-37 form tests/fixtures/gold/dev6.jsonl (scored once untouched, then trained on) and
38-39 form tests/fixtures/gold/unseen5.jsonl (never inspected).
The first sample was drawn at random (Python random.seed(4004), 100 of the 1,704 press
releases) before labelling.

    python3 tools/gold/assemble.py
"""
import glob
import json
import os
import random
import sys

# Parts labelled after tuning began, by set: never dev or holdout.
FRESH_SETS = {
    "labels-part5.jsonl": "check",
    "labels-part6.jsonl": "dev2",
    "labels-part7.jsonl": "dev2",
    "labels-part10.jsonl": "dev2",
    "labels-part11.jsonl": "dev2",
    "labels-part14.jsonl": "dev2",
    "labels-part15.jsonl": "dev2",
    "labels-part8.jsonl": "unseen",
    "labels-part12.jsonl": "unseen",
    "labels-part13.jsonl": "unseen",
    "labels-part16.jsonl": "dev3",
    "labels-part17.jsonl": "dev3",
    "labels-part18.jsonl": "dev3",
    "labels-part19.jsonl": "dev3",
    "labels-part20.jsonl": "unseen2",
    "labels-part21.jsonl": "unseen2",
    "labels-part22.jsonl": "dev4",
    "labels-part23.jsonl": "dev4",
    "labels-part24.jsonl": "unseen3",
    "labels-part25.jsonl": "unseen3",
    "labels-part26.jsonl": "dev5",
    "labels-part27.jsonl": "dev5",
    "labels-part28.jsonl": "dev5",
    "labels-part29.jsonl": "dev5",
    "labels-part30.jsonl": "unseen4",
    "labels-part31.jsonl": "unseen4",
    "labels-part32.jsonl": "dev6",
    "labels-part33.jsonl": "dev6",
    "labels-part34.jsonl": "dev6",
    "labels-part35.jsonl": "dev6",
    "labels-part36.jsonl": "dev6",
    "labels-part37.jsonl": "dev6",
    "labels-part38.jsonl": "unseen5",
    "labels-part39.jsonl": "unseen5",
    "labels-part40.jsonl": "dev7",
    "labels-part41.jsonl": "dev7",
    "labels-part42.jsonl": "dev7",
    "labels-part43.jsonl": "dev7",
    "labels-part44.jsonl": "unseen6",
    "labels-part45.jsonl": "unseen6",
}
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
    fresh = {name: [] for name in sorted(set(FRESH_SETS.values()))}
    for path in sorted(glob.glob(os.path.join(GOLD, "labels-part*.jsonl"))):
        name = FRESH_SETS.get(os.path.basename(path))
        into = fresh[name] if name else labelled
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
    sets = [("dev", dev), ("holdout", held)] + sorted(fresh.items())
    for name, rows in sets:
        with open(os.path.join(GOLD, name + ".jsonl"), "w", encoding="utf-8") as f:
            for a in sorted(rows, key=lambda a: a["id"]):
                f.write(json.dumps(a, ensure_ascii=False) + "\n")
    for name, rows in sets:
        print("%s: %d articles, %d commitments" % (name, len(rows), sum(len(a["commitments"]) for a in rows)))


if __name__ == "__main__":
    main()

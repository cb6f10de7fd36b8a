#!/usr/bin/env python3
"""Draw press releases for a new labelling round, at random, among those not yet labelled.

Writes one input file per labeller (id and text, JSON Lines) so the labellers read exactly the
text the tagger reads. The draw is reproducible: the seed and sizes are arguments, and the
articles already in tests/fixtures/gold/labels-part*.jsonl are excluded.

    python3 tools/gold/sample.py --seed 9009 --parts 6,7,8 --size 40 --out /tmp/label
"""
import argparse
import glob
import json
import os
import random

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GOLD = os.path.join(ROOT, "tests", "fixtures", "gold")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--parts", required=True, help="comma-separated part numbers, e.g. 6,7,8")
    p.add_argument("--size", type=int, default=40)
    p.add_argument("--out", required=True)
    args = p.parse_args()
    done = set()
    for path in glob.glob(os.path.join(GOLD, "labels-part*.jsonl")):
        with open(path, encoding="utf-8") as f:
            done.update(json.loads(l)["id"] for l in f if l.strip())
    with open(os.path.join(ROOT, "corpus", "kz-gov-press.jsonl"), encoding="utf-8") as f:
        articles = [json.loads(l) for l in f]
    pool = sorted(a["id"] for a in articles if a["id"] not in done)
    parts = [int(x) for x in args.parts.split(",")]
    random.seed(args.seed)
    drawn = random.sample(pool, args.size * len(parts))
    text = {a["id"]: a["text"] for a in articles}
    os.makedirs(args.out, exist_ok=True)
    for i, part in enumerate(parts):
        ids = sorted(drawn[i * args.size:(i + 1) * args.size])
        path = os.path.join(args.out, "part%d-input.jsonl" % part)
        with open(path, "w", encoding="utf-8") as f:
            for id_ in ids:
                f.write(json.dumps({"id": id_, "text": text[id_]}, ensure_ascii=False) + "\n")
        print("%s: %d articles" % (path, len(ids)))


if __name__ == "__main__":
    main()

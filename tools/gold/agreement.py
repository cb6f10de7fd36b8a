#!/usr/bin/env python3
"""Agreement between two labellers on the same articles, scored like `newsmine eval`.

Labeller A's file is read as the gold standard and B's as the prediction, so the figures are
directly comparable with the tagger's: regions F1 (per article, set match), sectors micro F1,
and commitment sentences F1 (a B sentence matches an A sentence when their spans overlap by at
least half of the A sentence). Texts come from the bundled corpus. The agreement between two
careful people is the ceiling a tagger can be expected to reach on these labels.

    python3 tools/gold/agreement.py A.jsonl B.jsonl
"""
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def load(path):
    with open(path, encoding="utf-8") as f:
        return {a["id"]: a for a in (json.loads(l) for l in f if l.strip())}


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def spans(text, commitments):
    out = []
    for c in commitments:
        at = text.find(c["sentence"])
        if at >= 0:
            out.append((at, at + len(c["sentence"])))
    return out


def main():
    a, b = load(sys.argv[1]), load(sys.argv[2])
    with open(os.path.join(ROOT, "corpus", "kz-gov-press.jsonl"), encoding="utf-8") as f:
        text = {x["id"]: x["text"] for x in (json.loads(l) for l in f)}
    ids = sorted(set(a) & set(b))
    counts = {k: [0, 0, 0] for k in ("regions", "sectors", "commitments")}
    for id_ in ids:
        for key in ("regions", "sectors"):
            ga, gb = set(a[id_][key]), set(b[id_][key])
            counts[key][0] += len(ga & gb)
            counts[key][1] += len(gb - ga)
            counts[key][2] += len(ga - gb)
        sa, sb = spans(text[id_], a[id_]["commitments"]), spans(text[id_], b[id_]["commitments"])
        matched = [any(min(e, be) - max(s, bs) >= (e - s) / 2 for bs, be in sb) for s, e in sa]
        used = [any(min(e, be) - max(s, bs) >= (e - s) / 2 for s, e in sa) for bs, be in sb]
        counts["commitments"][0] += sum(matched)
        counts["commitments"][2] += len(matched) - sum(matched)
        counts["commitments"][1] += len(used) - sum(used)
    print("%d articles labelled by both" % len(ids))
    print("%-22s %6s %6s %6s" % ("", "P", "R", "F1"))
    for key, (tp, fp, fn) in counts.items():
        p, r, f1 = prf(tp, fp, fn)
        print("%-22s %6.3f %6.3f %6.3f   (tp %d, fp %d, fn %d)" % (key, p, r, f1, tp, fp, fn))


if __name__ == "__main__":
    main()

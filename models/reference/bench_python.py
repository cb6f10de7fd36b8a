#!/usr/bin/env python3
"""Throughput of sentence-transformers on the CPU, for comparison with the Rust
encoder (src/analyze/embed) on the same sentences and the same machine.

The sentences: the first N (default 1000) pieces of at least 4 words found by
splitting the texts of corpus/kz-gov-press.jsonl (the bundled corpus) on ". "
(newlines count as spaces). `--write-sentences FILE` stores them one per line,
so that the Rust benchmark encodes exactly the same texts.

Usage:
    /tmp/st-venv/bin/python models/reference/bench_python.py \
        [--articles PATH] [--n 1000] [--batch 32] [--runs 3] [--write-sentences FILE]
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"

import torch  # noqa: E402
from sentence_transformers import SentenceTransformer  # noqa: E402

HERE = Path(__file__).resolve().parent
MODEL_DIR = HERE.parent / "all-minilm-l6-v2"
DEFAULT_ARTICLES = str(HERE.parent.parent / "corpus" / "kz-gov-press.jsonl")


def load_sentences(path: str, n: int) -> list[str]:
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            text = json.loads(line).get("text") or ""
            for piece in text.replace("\n", " ").split(". "):
                piece = " ".join(piece.split())
                if len(piece.split()) >= 4:
                    out.append(piece)
                    if len(out) == n:
                        return out
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", default=DEFAULT_ARTICLES)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--write-sentences")
    args = ap.parse_args()

    sentences = load_sentences(args.articles, args.n)
    if len(sentences) < args.n:
        print(f"only {len(sentences)} sentences in {args.articles}", file=sys.stderr)
    if args.write_sentences:
        Path(args.write_sentences).write_text("\n".join(sentences) + "\n", encoding="utf-8")

    model = SentenceTransformer(str(MODEL_DIR), device="cpu")
    model.eval()
    tok = model.tokenizer
    n_tokens = [len(tok(s, truncation=True, max_length=model.max_seq_length)["input_ids"]) for s in sentences]

    model.encode(sentences[:64], batch_size=args.batch)  # warm-up
    walls, cpus = [], []
    for _ in range(args.runs):
        c0, t0 = time.process_time(), time.perf_counter()
        with torch.inference_mode():
            model.encode(sentences, batch_size=args.batch, convert_to_numpy=True)
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)

    best = min(walls)
    print(
        json.dumps(
            {
                "impl": "python sentence-transformers",
                "sentences": len(sentences),
                "mean_tokens": round(statistics.mean(n_tokens), 1),
                "batch": args.batch,
                "torch_threads": torch.get_num_threads(),
                "torch": torch.__version__,
                "runs_s": [round(w, 3) for w in walls],
                "cpu_s": [round(c, 3) for c in cpus],
                "sentences_per_s_best": round(len(sentences) / best, 1),
                "sentences_per_s_median": round(len(sentences) / statistics.median(walls), 1),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

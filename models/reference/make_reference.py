#!/usr/bin/env python3
"""Write models/reference/embeddings.json: the reference vectors that the Rust
encoder's tests compare against.

The vectors are made once, by sentence-transformers itself (the library the
model was trained and published with), from the files that models/fetch.sh
put in models/all-minilm-l6-v2/ -- never from a model hub. The committed JSON
is what the Rust tests read, so this script only needs to run again when the
model or the sentences change.

Setup (any scratch venv; a CPU-only torch is enough):
    python3 -m venv /tmp/st-venv
    /tmp/st-venv/bin/pip install sentence-transformers torch
    models/fetch.sh
    /tmp/st-venv/bin/python models/reference/make_reference.py
"""

import hashlib
import json
import os
import sys
from pathlib import Path

# Offline before the imports: a missing file must fail, not be downloaded.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"

import sentence_transformers  # noqa: E402
import torch  # noqa: E402
import transformers  # noqa: E402
from sentence_transformers import SentenceTransformer  # noqa: E402

HERE = Path(__file__).resolve().parent
MODEL_DIR = HERE.parent / "all-minilm-l6-v2"
OUT = HERE / "embeddings.json"
SIGNIFICANT_DIGITS = 7

# Press-release English about regional development in Kazakhstan, with a
# Russian and a Kazakh sentence (the model is English-only: these check that
# the Rust tokenizer treats Cyrillic and accents exactly as the Python one
# does), a very short text, and a long one of more than 128 word pieces
# (tokenizer.json truncates at 128; sentence-transformers at 256: the Rust
# side must follow sentence-transformers).
SENTENCES = [
    "Over 200 additional villages in Akmola region will be connected to broadband over the summer.",
    "The rural internet roll-out continues in the northern regions of Kazakhstan.",
    "The akimat of Turkestan region announced the construction of a water supply system for 15 villages.",
    "A new 300-bed multidisciplinary hospital opened in Shymkent on Monday.",
    "The Ministry of Industry and Infrastructure Development reported that 1,200 km of local roads were repaired this year.",
    "Investment in the agro-industrial complex of Kostanay region grew by 18% in the first half of the year.",
    "В Карагандинской области до конца года отремонтируют 150 километров местных дорог.",
    "Биыл Жамбыл облысында 40 жаңа мектеп салынады.",
    "Roads repaired.",
    "Kazakhstan plans to attract 5 trillion tenge of investment into regional infrastructure by 2029.",
    "The Government approved a programme to develop single-industry towns, including Zhezkazgan, Rudny and Temirtau.",
    (
        "At a briefing in the regional communications service, the deputy akim of East Kazakhstan region "
        "reported on the results of the first half of the year: under the regional development programme, "
        "38 social facilities were commissioned, including 12 schools, 9 kindergartens and 4 rural outpatient "
        "clinics, while 640 kilometres of district and local roads were repaired or reconstructed. "
        "Gasification of Ust-Kamenogorsk and Semey continues, and the second stage of the gas pipeline is "
        "expected to be completed by December, providing gas to more than 30,000 households. In addition, "
        "about 4,500 jobs were created in small and medium-sized businesses, and the volume of investment in "
        "fixed capital increased by 14.6 percent compared with the same period last year, he said."
    ),
]


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def main() -> int:
    weights = MODEL_DIR / "model.safetensors"
    if not weights.is_file():
        print(f"{weights} is missing: run models/fetch.sh first", file=sys.stderr)
        return 1

    model = SentenceTransformer(str(MODEL_DIR), device="cpu")
    model.eval()
    tokenizer = model.tokenizer

    rows = []
    for text in SENTENCES:
        # One sentence at a time: no padding at all in the reference.
        vec = model.encode([text], batch_size=1, convert_to_numpy=True, normalize_embeddings=False)[0]
        n_tokens = len(tokenizer(text, truncation=True, max_length=model.max_seq_length)["input_ids"])
        rows.append(
            {
                "text": text,
                "tokens": n_tokens,
                "embedding": [float(f"{x:.{SIGNIFICANT_DIGITS}g}") for x in vec.tolist()],
            }
        )

    meta = {
        "model": "all-MiniLM-L6-v2",
        "model_dir": "models/all-minilm-l6-v2",
        "weights_sha256": sha256(weights),
        "dim": len(rows[0]["embedding"]),
        "max_seq_length": int(model.max_seq_length),
        "pooling": "mean over attention mask, then L2 normalisation",
        "produced_by": {
            "sentence_transformers": sentence_transformers.__version__,
            "transformers": transformers.__version__,
            "torch": torch.__version__,
            "device": "cpu",
        },
        "significant_digits": SIGNIFICANT_DIGITS,
    }

    # One line per vector keeps the file small and its diffs readable.
    lines = ["{", f'  "meta": {json.dumps(meta, ensure_ascii=False)},', '  "sentences": [']
    for i, row in enumerate(rows):
        comma = "," if i + 1 < len(rows) else ""
        lines.append("    " + json.dumps(row, ensure_ascii=False, separators=(",", ":")) + comma)
    lines += ["  ]", "}"]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    json.loads(OUT.read_text(encoding="utf-8"))  # still valid JSON
    print(f"wrote {OUT} ({len(rows)} sentences x {meta['dim']}; max {max(r['tokens'] for r in rows)} tokens)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

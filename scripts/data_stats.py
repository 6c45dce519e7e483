"""Print what the data holds: entries of each kind, and facts and citations from the article against context.

Run: .venv/bin/python scripts/data_stats.py
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from explainer.load import ARTICLE_ID, iter_nodes, load_dataset, owner_id  # noqa: E402
from explainer.model import Citation, Dataset, Fact  # noqa: E402


def main() -> None:
    dataset = load_dataset(ROOT / "data")
    kind_of = {entry.id: kind for kind in Dataset.model_fields for entry in getattr(dataset, kind)}
    facts: Counter[tuple[str, str]] = Counter()
    citations: Counter[tuple[str, str]] = Counter()
    for where, node in iter_nodes(dataset):
        kind = kind_of[owner_id(where)]
        if isinstance(node, Citation):
            citations[kind, "article" if node.source == ARTICLE_ID else "context"] += 1
        elif isinstance(node, Fact):
            facts[kind, "article" if any(c.source == ARTICLE_ID for c in node.cite) else "context"] += 1
    print(f"| {'kind':13} | entries | facts (article / context) | citations (article / context) |")
    print("|---|---|---|---|")
    for kind in Dataset.model_fields:
        print(f"| {kind:13} | {len(getattr(dataset, kind)):7} | {facts[kind, 'article']:3} / {facts[kind, 'context']:3}"
              f" | {citations[kind, 'article']:3} / {citations[kind, 'context']:3} |")
    print(f"| {'total':13} | {sum(len(getattr(dataset, k)) for k in Dataset.model_fields):7} "
          f"| {sum(v for (_, s), v in facts.items() if s == 'article'):3} / "
          f"{sum(v for (_, s), v in facts.items() if s == 'context'):3} "
          f"| {sum(v for (_, s), v in citations.items() if s == 'article'):3} / "
          f"{sum(v for (_, s), v in citations.items() if s == 'context'):3} |")


if __name__ == "__main__":
    main()

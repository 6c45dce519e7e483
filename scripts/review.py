"""`make review`: the statements about the present that were last checked more than a year ago (explainer.review)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from explainer.errors import DataErrors  # noqa: E402
from explainer.load import load_dataset  # noqa: E402
from explainer.review import to_review  # noqa: E402


def main() -> int:
    try:
        dataset = load_dataset(ROOT / "data")
    except DataErrors as errors:
        print(errors, file=sys.stderr)
        return 1
    found = to_review(dataset, date.today())
    for line in found:
        print(line)
    print(f"{len(found)} statement{'s' if len(found) != 1 else ''} about the present to check again"
          if found else "Every statement about the present was checked within the last 12 months.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The README's Speed table, from what the benches printed.

Each bench prints its table rows as lines `speed | benchmark | figure | baseline |`; `row()`
writes one. `python bench/_speed.py LOG` replaces the table between the markers
`<!-- speed:begin -->` and `<!-- speed:end -->` in README.md with the rows found in LOG (the
output of `make bench`), in the order printed.
"""

from __future__ import annotations

import sys
from pathlib import Path

PREFIX = "speed | "
BEGIN, END = "<!-- speed:begin -->", "<!-- speed:end -->"
HEADER = "| benchmark | figure | baseline in the same run |\n|---|---|---|\n"


def row(benchmark: str, figure: str, baseline: str = "–") -> None:
    """Print one row of the README's Speed table."""
    cells = (text.replace("|", "/").replace("\n", " ") for text in (benchmark, figure, baseline))
    print(PREFIX + " | ".join(cells) + " |", flush=True)


def table(log: str) -> str:
    """The Markdown table of the rows in `log`."""
    rows = [line[len(PREFIX) - 2 :] for line in log.splitlines() if line.startswith(PREFIX)]
    return HEADER + "".join(f"{line}\n" for line in rows)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python bench/_speed.py BENCH_OUTPUT", file=sys.stderr)
        return 2
    log = Path(argv[1]).read_text(encoding="utf-8")
    readme = Path(__file__).resolve().parent.parent / "README.md"
    text = readme.read_text(encoding="utf-8")
    if BEGIN not in text or END not in text:
        print(f"README.md has no {BEGIN} … {END} markers", file=sys.stderr)
        return 2
    if PREFIX not in log:
        print(f"{argv[1]}: no '{PREFIX.strip()}' rows; run make bench first", file=sys.stderr)
        return 2
    before, rest = text.split(BEGIN, 1)
    _old, after = rest.split(END, 1)
    readme.write_text(f"{before}{BEGIN}\n{table(log)}{END}{after}", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
"""Lists the longest functions under src/ (lines from `fn` to its closing brace).

Relies on rustfmt layout: a function ends at the first `}` line at its own indentation. Test
code is left out: a `mod tests` block, and a file named `tests.rs` (a `#[cfg(test)] mod tests;`).
Usage: scripts/longest-fns.py [N]   (default 15)
"""
import pathlib
import re
import sys

FN = re.compile(r"^(\s*)(?:pub(?:\([^)]*\))?\s+)?(?:const\s+)?(?:async\s+)?(?:unsafe\s+)?fn\s+(\w+)")


def functions(path):
    lines = path.read_text().splitlines()
    in_tests = path.name == "tests.rs"
    for i, line in enumerate(lines):
        if line.startswith("mod tests") or line.startswith("#[cfg(test)]"):
            in_tests = True
        m = FN.match(line)
        if not m or in_tests:
            continue
        indent = m.group(1)
        for j in range(i, len(lines)):
            if lines[j] == indent + "}" or (j == i and lines[j].rstrip().endswith("}")):
                yield (j - i + 1, f"{path}:{i + 1}", m.group(2))
                break


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    found = [f for p in sorted(pathlib.Path("src").rglob("*.rs")) for f in functions(p)]
    found.sort(reverse=True)
    for length, where, name in found[:n]:
        print(f"{length:5}  {name:32} {where}")


if __name__ == "__main__":
    main()

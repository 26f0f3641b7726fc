#!/usr/bin/python3
"""Checks that the outputs printed in README.md are what the current code prints.

The README marks what to run with HTML comments (invisible when rendered):

    <!-- readme-file: NAME -->      the fenced block that follows is written to NAME
    <!-- readme-run: COMMAND -->    COMMAND is run (its output is not shown)
    <!-- readme-output: COMMAND --> COMMAND is run; the fenced block that follows is its stdout

Commands run in order, in one fresh directory that has `scenarios` and `analysis` linked to the
source tree's, with `drempel` standing for the built command. Expected and actual output are compared line by
line, trailing spaces ignored; a line `...` in the README matches any number of lines. Every
marked command must also appear verbatim in the README's visible text, so that the commands a
reader copies are the ones checked.

    check_readme.py DREMPEL SOURCE_DIR            check; exit 1 with a diff on a mismatch
    check_readme.py --update DREMPEL SOURCE_DIR   rewrite the README's output blocks

--update keeps a block's `...` lines where they are: the README shows the first lines before a
`...` and the lines after it are matched at the end of the output.
"""

import os
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

MARKER = re.compile(r"<!-- readme-(file|run|output): (.*?) -->\n")
FENCE = re.compile(r"```[a-z]*\n(.*?)```", re.S)


def run(command: str, drempel: str, cwd: Path) -> str:
    args = shlex.split(command)
    if args[0] == "drempel":
        args[0] = drempel
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "COLUMNS": "100"})
    output = done.stdout + done.stderr if done.returncode == 2 else done.stdout
    if done.returncode not in (0, 2):
        raise SystemExit(f"check_readme: `{command}` failed ({done.returncode}):\n{done.stderr}")
    return output


def matches(expected: list[str], actual: list[str]) -> bool:
    """Whether `expected` (with `...` lines as wildcards) matches `actual`."""
    if not expected:
        return not actual
    if expected[0] == "...":
        return any(matches(expected[1:], actual[i:]) for i in range(len(actual) + 1))
    return bool(actual) and expected[0] == actual[0] and matches(expected[1:], actual[1:])


def updated(expected: list[str], actual: list[str]) -> list[str]:
    """The actual output shaped like the expected block: as many lines from the start as the
    README shows before its first `...`, then `...`, then as many from the end as it shows after
    its last."""
    if "..." not in expected:
        return actual
    first = expected.index("...")
    last = len(expected) - 1 - expected[::-1].index("...")
    tail = len(expected) - last - 1
    return actual[:first] + ["..."] + (actual[len(actual) - tail :] if tail else [])


def main(argv) -> int:
    update = argv[:1] == ["--update"]
    if update:
        argv = argv[1:]
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    drempel, source = str(Path(argv[0]).resolve()), Path(argv[1]).resolve()
    readme_path = source / "README.md"
    readme = readme_path.read_text(encoding="utf-8")
    visible = re.sub(r"<!--.*?-->", "", readme, flags=re.S)
    failures, replacements = [], []
    with tempfile.TemporaryDirectory(prefix="drempel_readme_") as work:
        work = Path(work)
        (work / "scenarios").symlink_to(source / "scenarios")
        (work / "analysis").symlink_to(source / "analysis")
        for marker in MARKER.finditer(readme):
            kind, argument = marker.group(1), marker.group(2)
            if kind == "file":
                block = FENCE.match(readme, marker.end())
                (work / argument).write_text(block.group(1))
                continue
            if argument not in visible:
                failures.append(f"`{argument}` is checked but not shown in the README text")
            output = run(argument, drempel, work)
            if kind == "run":
                continue
            block = FENCE.match(readme, marker.end())
            if block is None:
                failures.append(f"no fenced block after the marker of `{argument}`")
                continue
            expected = [line.rstrip() for line in block.group(1).splitlines()]
            actual = [line.rstrip() for line in output.splitlines()]
            if update:
                new = "\n".join(updated(expected, actual)) + "\n"
                replacements.append((block.start(1), block.end(1), new))
            elif not matches(expected, actual):
                failures.append(f"output of `{argument}` differs from the README:\n--- README\n"
                                + "\n".join(expected) + "\n--- actual\n" + "\n".join(actual))
    if update:
        for start, end, new in reversed(replacements):
            readme = readme[:start] + new + readme[end:]
        readme_path.write_text(readme, encoding="utf-8")
        print(f"check_readme: rewrote {len(replacements)} output blocks")
    for failure in failures:
        print(f"check_readme: {failure}", file=sys.stderr)
    if not failures and not update:
        print("check_readme: every README output is the current code's")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

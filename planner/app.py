"""The composition root: parse arguments, open the store, then run a command or the window."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from planner.cli.arguments import build_parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = build_parser().parse_args(argv)
    if arguments.command is None:
        from planner.ui.launch import run_window

        return run_window(arguments)
    from planner.cli.commands import run_command

    return run_command(arguments, stdout=sys.stdout, stderr=sys.stderr)

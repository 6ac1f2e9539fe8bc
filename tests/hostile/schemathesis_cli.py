"""``python -m schemathesis.cli``, guarded against a CPython 3.11.7 bug.

Hypothesis describes every ``.filter(lambda ...)`` strategy by parsing the lambda's source
file with ``ast.parse``; deep inside schemathesis's coverage phase CPython 3.11.7 sometimes
fails that parse with ``SystemError: AST constructor recursion depth mismatch`` (its AST
recursion counter goes out of step; fixed in later CPython releases). The description is
only a repr: Hypothesis already falls back to a generic one when the source does not parse,
so the bug is turned into that case instead of crashing the whole run. Nothing about the
requests sent or the checks made changes.
"""

from __future__ import annotations

import ast
import sys
from typing import Any

import schemathesis.cli

_parse = ast.parse


def _parse_or_syntax_error(*args: Any, **kwargs: Any) -> Any:
    try:
        return _parse(*args, **kwargs)
    except SystemError as exc:
        if "recursion depth mismatch" not in str(exc):
            raise
        print(f"schemathesis_cli: CPython AST bug guarded ({exc})", file=sys.stderr)
        raise SyntaxError(str(exc)) from exc


ast.parse = _parse_or_syntax_error

if __name__ == "__main__":
    schemathesis.cli.schemathesis()

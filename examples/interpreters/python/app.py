"""CPython as a component (componentize-py): `run` executes a program and
returns what it printed, or what it printed and its error report (what it
wrote to stderr, then the traceback), as `python3` reports a script's run.

Built with --stub-wasi, so the component imports nothing: every WASI call
traps. Hence everything a program may need is imported here, at build time
(componentize-py snapshots the interpreter after importing this module),
stderr is captured too (a warning would otherwise write to the real one and
trap), and tracebacks are formatted without reading source files (no
linecache look-up, which would stat the file system).
"""

import contextlib
import io
import math  # noqa: F401  imported for the programs: importing at run time would read files
import traceback

import wit_world
from componentize_py_types import Err

PROGRAM_NAME = "<program>"


def _traceback(error: BaseException) -> str:
    # Skip the frame of `run` itself: the traceback starts in the program, as
    # it does when python3 runs the program as a script.
    frames = error.__traceback__.tb_next if error.__traceback__ is not None else None
    report = traceback.TracebackException(type(error), error, frames, lookup_lines=False)
    return "".join(report.format())


class WitWorld(wit_world.WitWorld):
    def run(self, program: str) -> str:
        printed = io.StringIO()
        errors = io.StringIO()
        try:
            with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(errors):
                exec(compile(program, PROGRAM_NAME, "exec"), {"__name__": "__main__"})
        except BaseException as error:  # SystemExit too: the program stopped
            raise Err(wit_world.Failure(printed.getvalue(), errors.getvalue() + _traceback(error)))
        return printed.getvalue()

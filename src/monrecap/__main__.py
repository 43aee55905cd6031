"""`python -m monrecap` and the `monrecap` console script.

Ctrl-C is taken over before anything heavy is imported, so that an interrupt during the
imports ends as cleanly as one during the work.

The garbage collector is tuned for a short command (gcpolicy.py).
"""

import signal
import sys


class Interrupted(BaseException):
    """Ctrl-C, raised by our SIGINT handler: a BaseException, so that no library's
    ``except Exception`` swallows it, and not KeyboardInterrupt, which Typer ends silently."""


def _interrupt(signum, frame) -> None:
    raise Interrupted()


def _interrupted(exc: BaseException | None) -> bool:
    """Whether ``exc`` is our interrupt, or wraps it: Python 3.11 turns an exception raised
    while a class is being made (``__set_name__``, during an import) into a RuntimeError."""
    seen = 0
    while exc is not None and seen < 20:
        if isinstance(exc, Interrupted):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def run() -> None:
    """Entry point: the CLI, with Ctrl-C ending in one line and exit code 130."""
    signal.signal(signal.SIGINT, _interrupt)  # first, before any import of ours
    from monrecap import gcpolicy

    gcpolicy.short_command()
    try:
        _run()
    finally:
        gcpolicy.freeze()


def _run() -> None:
    kept: list[str] = []
    note: list[str] = []
    try:
        from monrecap.cli import KEPT, NOTE, app

        kept, note = KEPT, NOTE
        app()
    except SystemExit as exc:
        # Rich and Typer end a closed pipe (`monrecap show v11 | head -3`) with exit 1, which
        # reads as « findings »; a reader that stopped reading is 141, as for any Unix tool.
        if exc.code == 1 and (isinstance(exc.__context__, BrokenPipeError)
                              or type(sys.stdout).__name__ == "PacifyFlushWrapper"):
            sys.exit(141)
        raise
    except BaseException as exc:
        if not _interrupted(exc):
            raise
        done = (note[0] if note else
                f"kept {len(kept)} finished output{'' if len(kept) == 1 else 's'}, nothing "
                "half-written" if kept
                else "nothing written")
        print(f"interrupted: {done}", file=sys.stderr)
        sys.exit(130)


if __name__ == "__main__":
    run()

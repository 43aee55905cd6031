"""The cyclic garbage collector, tuned for a short command and set back for a long session.

A command imports ~1,000 modules and renders a carnet: hundreds of thousands of long-lived
objects, which the collector scans again and again at the interpreter's default thresholds
(about 40 ms of a page-only build). ``short_command()`` makes collections rarer, as mypy and
freqtrade do. At exit, ``freeze()`` moves what is left out of the collector's sight before the
interpreter's finalisation, which would otherwise search the whole heap for cycles once more
(about 80 ms) only to free memory the operating system takes back anyway. Objects are still
released by reference counting, every ``atexit`` handler still runs and the output is flushed;
what is lost is the finalisation of garbage caught in reference cycles at exit (a suspended
generator's ``finally``, an object's ``__del__``), which nothing in monrecap relies on: files
are closed and temporary folders removed by ``with`` blocks.

``long_session()`` puts the defaults back for `build --watch`: hundreds of rebuilds are no
short command (at the tuned thresholds its memory settles near 100 MB instead of 56 MB).
"""

import gc

DEFAULTS = gc.get_threshold()  # as the interpreter started: this module is imported first


def short_command() -> None:
    gc.set_threshold(100_000, 50, 100)


def long_session() -> None:
    gc.set_threshold(*DEFAULTS)


def freeze() -> None:
    gc.freeze()

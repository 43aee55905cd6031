"""ReportLab canvases whose bytes depend only on what is drawn and the day they are dated."""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
from typing import Any, BinaryIO

from reportlab.pdfgen.canvas import Canvas

#: ReportLab's invariant date (2000-01-01), as its invariant mode seeds the document ID.
INVARIANT_EPOCH = 946684800.0


def fixed_canvas(buffer: BinaryIO, day: dt.date | None = None, **options: Any) -> Canvas:
    """A canvas in invariant mode, dated ``day`` (UTC midnight; ReportLab's 2000-01-01 when
    None), whose document ID is seeded with a constant.

    ReportLab's own invariant mode still reads ``SOURCE_DATE_EPOCH`` from the environment for
    the dates and the ID: a CI runner that sets it would write other bytes than a designer's
    machine. Nothing here reads the clock, the time zone or the environment.
    """
    canvas = Canvas(buffer, invariant=1, **options)
    doc = canvas._doc
    signature = hashlib.md5(usedforsecurity=False)
    signature.update(b"a reportlab document")
    signature.update(ascii(INVARIANT_EPOCH).encode())
    doc.signature = signature
    stamp = doc._timeStamp
    when = dt.datetime(*(day or dt.date(2000, 1, 1)).timetuple()[:3])
    stamp.t = calendar.timegm(when.timetuple())
    stamp.lt = tuple(when.timetuple())
    stamp.YMDhms = stamp.lt[:6]
    stamp.dhh = stamp.dmm = 0
    stamp.tzname = "UTC"
    return canvas

"""Text/background contrast as a reader sees it: CMYK through the output profile to sRGB
(littleCMS, via Pillow), then the WCAG contrast ratio."""

from __future__ import annotations

import threading
from functools import lru_cache

from PIL import Image, ImageCms

from monrecap.colour import FOGRA39


@lru_cache(maxsize=1)
def _transform():
    cmyk = ImageCms.getOpenProfile(str(FOGRA39.profile))
    srgb = ImageCms.createProfile("sRGB")
    return ImageCms.buildTransform(cmyk, srgb, "CMYK", "RGB",
                                   renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)


_preparing: list[threading.Thread] = []


def prepare() -> None:
    """Build the transform in the background: littleCMS reads the profile without holding
    Python's lock, so a build renders meanwhile and the contrast rule finds it ready."""
    if not _preparing:
        _preparing.append(threading.Thread(target=_transform, daemon=True))
        _preparing[0].start()


def to_srgb(cmyk: tuple[float, float, float, float]) -> tuple[int, int, int]:
    """A CMYK colour (fractions) as printed, in sRGB.

    >>> to_srgb((0, 0, 0, 0))
    (255, 255, 255)
    """
    for thread in _preparing:
        thread.join()
    pixel = Image.new("CMYK", (1, 1), tuple(round(v * 255) for v in cmyk))
    return ImageCms.applyTransform(pixel, _transform()).getpixel((0, 0))


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(ink, background) -> float:
    """WCAG contrast ratio of two CMYK colours (fractions)."""
    a, b = _luminance(to_srgb(ink)), _luminance(to_srgb(background))
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)

"""Which page of the old PDF became which page of the new one.

Our builds carry page ids (build.json), so pages pair by id. Any other PDF pairs by a sequence
alignment (Needleman–Wunsch) on a page similarity: the words of the page (numbers aside), its
numbers as a tie-breaker, and a small picture of the page when the text cannot tell pages apart
(pages with no words, rasterised proofs, pages whose words repeat). Pages left over that look
the same on both sides are reported as moved."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from monrecap.diff.content import moved_items

MATCH = 0.5          # a pair scores similarity − MATCH: unlike pages are not worth pairing
#: A leftover page this similar to a leftover page elsewhere moved there: the same words
#: (similarity 0.8 when its number changed with its place, as a moved page's does).
MOVED = 0.8
THUMB = (24, 34)     # page pictures for alignment, in pixels (width, height)
BAND = 40            # past this many pages, only pages this far from the diagonal are scored


@dataclass(frozen=True)
class Pair:
    """Two pages to compare (either may be missing), by 0-based index."""

    old: int | None
    new: int | None
    key: str  # "id#part" for our builds, a text signature otherwise
    same_text: bool = False  # aligned on identical text (numbers aside)
    moved: bool = False      # the page changed place (not only shifted by an insertion)


def align_by_keys(old_keys: list[str], new_keys: list[str]) -> list[Pair]:
    """Pairs of pages with the same key, in the new document's order; a removed page is
    placed where it was (after the page that preceded it in the old document)."""
    old_at = {k: i for i, k in enumerate(old_keys)}
    new_set = set(new_keys)
    common_old = [k for k in old_keys if k in new_set]
    common_new = [k for k in new_keys if k in old_at]
    moved = moved_items(common_old, common_new)
    pairs: list[Pair] = []
    next_old = 0
    for j, key in enumerate(new_keys):
        i = old_at.get(key)
        if i is not None and key not in moved:
            pairs += [Pair(k, None, old_keys[k]) for k in range(next_old, i)
                      if old_keys[k] not in new_set]
            next_old = max(next_old, i + 1)
        pairs.append(Pair(i, j, key, moved=key in moved))
    pairs += [Pair(k, None, old_keys[k]) for k in range(next_old, len(old_keys))
              if old_keys[k] not in new_set]
    return pairs


_NUMBERS = re.compile(r"\d+")
_WORDS = re.compile(r"\w+")


@dataclass
class PageFeatures:
    """What alignment knows of one page."""

    full: str            # its text, spaces normalised
    words: frozenset     # its words, numbers aside
    picture: np.ndarray | None = None  # ink (0 white … 1 black), THUMB-sized


def page_features(text: str) -> PageFeatures:
    full = " ".join(text.split())
    words = frozenset(w.lower() for w in _WORDS.findall(_NUMBERS.sub(" ", full)))
    return PageFeatures(full, words)


def signature(f: PageFeatures) -> str:
    return f.full[:60]


def needs_pictures(a: list[PageFeatures], b: list[PageFeatures]) -> bool:
    """Text cannot tell pages apart: some page has no words (a drawing and its number, a
    scanned proof), or two pages of a side have the same text, numbers included."""
    for side in (a, b):
        seen = set()
        for f in side:
            if not f.words or f.full in seen:
                return True
            seen.add(f.full)
    return False


def picture_similarity(p: np.ndarray, q: np.ndarray) -> float:
    """1 for the same picture, 0 for pictures with no ink in common (blank vs drawn)."""
    ink = float(p.sum() + q.sum())
    if ink < 1e-6:
        return 1.0
    # |p − q| ≤ p + q cell by cell (ink is never negative): 0 at the least, with no clamp
    return 1.0 - float(np.abs(p - q).sum()) / ink


def similarity(f: PageFeatures, g: PageFeatures) -> float:
    """0 … 1: words decide; same numbers and a same picture break ties; with no words on
    either page, the picture decides."""
    pictures = f.picture is not None and g.picture is not None
    pic = picture_similarity(f.picture, g.picture) if pictures else None  # read only then
    if f.words or g.words:
        union = len(f.words | g.words)
        base = 1.0 if f.words == g.words else len(f.words & g.words) / union
    else:
        base = pic if pictures else float(f.full == g.full)
    same = float(f.full == g.full)
    return 0.8 * base + (0.1 * same + 0.1 * pic if pictures else 0.2 * same)


def align_features(a: list[PageFeatures], b: list[PageFeatures]) -> list[Pair]:
    """Needleman–Wunsch over the two page sequences (gaps free, a pair worth its similarity
    − MATCH), then: leftover pages in the same gap, as many on each side, pair in order (an
    edited page); leftover pages that look the same elsewhere are moved."""
    n, m = len(a), len(b)
    sim = np.full((n, m), -1.0)
    band = max(BAND, abs(n - m) + BAND)
    for i in range(n):
        centre = i * m / n
        for j in range(max(0, int(centre) - band), min(m, int(centre) + band + 1)):
            sim[i, j] = similarity(a[i], b[j])
    score = np.zeros((n + 1, m + 1))
    gain = sim - MATCH
    for i in range(1, n + 1):
        row, prev = score[i], score[i - 1]
        g = gain[i - 1]
        for j in range(1, m + 1):
            row[j] = max(prev[j - 1] + g[j - 1], prev[j], row[j - 1])
    matched = []
    i, j = n, m
    while i and j:
        if score[i, j] == score[i - 1, j - 1] + gain[i - 1, j - 1] and gain[i - 1, j - 1] > 0:
            matched.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif score[i, j] == score[i - 1, j]:
            i -= 1
        else:
            j -= 1
    matched.reverse()
    return _assemble(a, b, sim, matched)


def _assemble(a, b, sim, matched: list[tuple[int, int]]) -> list[Pair]:
    n, m = len(a), len(b)
    pairs: list[Pair] = []
    gaps: list[tuple[list[int], list[int]]] = []
    prev_i = prev_j = -1
    for i, j in matched + [(n, m)]:
        gaps.append((list(range(prev_i + 1, i)), list(range(prev_j + 1, j))))
        prev_i, prev_j = i, j
    # Leftovers that look the same as a leftover elsewhere: moved.
    old_left = [i for olds, _ in gaps for i in olds]
    new_left = [j for _, news in gaps for j in news]
    moved: dict[int, int] = {}
    if len(old_left) * len(new_left) > 40_000:   # two unrelated documents: nothing moved
        old_left = []
    candidates = sorted(((similarity(a[i], b[j]), i, j) for i in old_left for j in new_left
                         if sim[i, j] >= MOVED or sim[i, j] < 0), reverse=True)
    for s, i, j in candidates:
        if s >= MOVED and i not in moved and j not in moved.values():
            moved[i] = j
    moved_new = {j: i for i, j in moved.items()}
    for (olds, news), pair in zip(gaps, matched + [None]):
        olds = [i for i in olds if i not in moved]
        news_left = [j for j in news if j not in moved_new]
        if len(olds) == len(news_left):     # an edited page (or several), in order
            edited = dict(zip(news_left, olds))
            olds = []
        else:
            edited = {}
        pairs += [Pair(i, None, signature(a[i])) for i in olds]
        for j in news:
            if j in moved_new:
                i = moved_new[j]
                pairs.append(Pair(i, j, signature(b[j]), a[i].words == b[j].words, True))
            elif j in edited:
                pairs.append(Pair(edited[j], j, signature(b[j])))
            else:
                pairs.append(Pair(None, j, signature(b[j])))
        if pair:
            i, j = pair
            pairs.append(Pair(i, j, signature(b[j]), a[i].words == b[j].words))
    return pairs

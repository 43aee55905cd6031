"""Jinja2 text in content fields, rendered in a sandbox with undefined variables as errors."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from monrecap.errors import Problem
from monrecap.source import Mark, MDict, MList, did_you_mean

DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre"]


def date_fr(value: dt.date, weekday: bool = True, year: bool = True) -> str:
    """A date written in full, the easy-to-read way.

    >>> date_fr(dt.date(2026, 10, 13))
    'mardi 13 octobre 2026'
    >>> date_fr(dt.date(2026, 3, 1), weekday=False)
    '1er mars 2026'
    """
    day = "1er" if value.day == 1 else str(value.day)
    text = f"{day} {MONTHS[value.month - 1]}"
    if weekday:
        text = f"{DAYS[value.weekday()]} {text}"
    return f"{text} {value.year}" if year else text


def month_fr(value: dt.date) -> str:
    """Month and year in full.

    >>> month_fr(dt.date(2026, 9, 15))
    'septembre 2026'
    """
    return f"{MONTHS[value.month - 1]} {value.year}"


def _environment() -> jinja2.Environment:
    env = ImmutableSandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=False,
                                        keep_trailing_newline=False)
    env.filters["date_fr"] = date_fr
    env.filters["month_fr"] = month_fr
    return env


_ENV = _environment()
_UNDEFINED = re.compile(r"'([^']+)' is undefined")


_NAMES = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)")
_WHOLE = re.compile(r"^\s*\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}\s*$")


def render_strings(data: Any, variables: dict[str, Any], problems: list[Problem],
                   mark: Mark | None = None, used: dict[str, str] | None = None,
                   within: dict[str, tuple[str, ...]] | None = None) -> Any:
    """A copy of ``data`` where every string is rendered as a template with ``variables``.

    Errors (undefined variable, bad syntax) are appended to ``problems`` at the string's mark.
    ``used`` collects the fields that print one variable whole (``phone: "{{ phone }}"``):
    their ``file:line:col`` → the variable's name, so that a bad value is blamed on the line
    where it was typed; ``within``, every templated field → the variables it prints (a
    phone number in a sentence is then blamed on the variable that holds it).
    """
    if isinstance(data, MDict):
        out = MDict(mark=data.mark)
        for key, value in data.items():
            out.set_marked(key, render_strings(value, variables, problems, data.mark_of(key),
                                               used, within), data)
        return out
    if isinstance(data, MList):
        seq = MList((render_strings(v, variables, problems, data.mark_of(i), used, within)
                     for i, v in enumerate(data)), mark=data.mark)
        seq.marks = list(data.marks)
        return seq
    if isinstance(data, str) and ("{{" in data or "{%" in data):
        whole = _WHOLE.match(data)
        if whole and used is not None and mark is not None:
            used[mark.where] = whole.group(1)
        if within is not None and mark is not None:
            within[mark.where] = tuple(dict.fromkeys(_NAMES.findall(data)))
        try:
            return _ENV.from_string(data).render(variables)
        except jinja2.UndefinedError as exc:
            name = _UNDEFINED.search(str(exc))
            what = name.group(1) if name else str(exc)
            hint = did_you_mean(what, variables) if name else ""
            problems.append(_at(mark, f"undefined variable '{what}'{hint}"))
        except jinja2.TemplateSyntaxError as exc:
            problems.append(_at(mark, f"template syntax error: {exc.message}"))
        except jinja2.TemplateError as exc:
            problems.append(_at(mark, f"template error: {exc}"))
        except (AttributeError, TypeError, ValueError) as exc:  # a filter given no date, say
            if not any(p.message.startswith("template") for p in problems):
                problems.append(_at(mark, f"template error: {exc}"))
    return data


def _at(mark: Mark | None, message: str) -> Problem:
    return mark.problem(message) if mark else Problem("", "", message)

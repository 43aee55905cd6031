"""The release gate: a carnet whose residual risk on some field is « maximale » is not
released unless its version records the decision, with its reason (`risk_accepted:`); the
decisions a release carries are written into the job ticket and the manifest."""

from __future__ import annotations

from pathlib import Path

from monrecap.content import Carnet
from monrecap.content.inherit import version_file
from monrecap.errors import ContentError, Problem
from monrecap.risk.classification import load_classification
from monrecap.risk.register import build_register


def release_gate(root: Path, carnets: dict[tuple[str, str | None], Carnet]) -> None:
    """ContentError naming every field at « maximale » that its version does not accept,
    before anything is built."""
    from monrecap.risk import _check_evidence

    loaded = load_classification(root)
    _check_evidence(root, loaded)  # the experiments risk.yaml cites, as `risk` and `build`
    problems: list[Problem] = []
    for (vid, variant), carnet in carnets.items():
        register = build_register(carnet, loaded)
        label = f" [{vid} ({variant})]" if variant else ""
        for e in register.refused:
            category = loaded.spec.categories[e.category].label if e.category else "unclassified"
            problem = Problem(e.field.where, e.field.key,
                              f"residual risk « maximale » ({category}: « {e.field.text} », "
                              f"severity {e.residual.severity}, likelihood "
                              f"{e.residual.likelihood}){label}: the release needs a decision "
                              f"in {version_file(vid)}: risk_accepted: {{{e.field.key}: "
                              "{reason: …}}, or a measure that lowers it")
            if problem not in problems:
                problems.append(problem)
    if problems:
        raise ContentError(problems)


def decisions(carnet: Carnet) -> dict[str, str]:
    """The residual risks the version accepts: field key → the field as a reader names it,
    the reason and the day it was decided, in full (« … (décidé le 2 février 2027) »), for
    the ticket and the manifest."""
    if not carnet.spec.risk_accepted:
        return {}
    from monrecap.risk.analysis import decided_fr
    from monrecap.risk.wording import capital, day_fr

    register = build_register(carnet, load_classification(carnet.root))
    return {key: f"{capital(decided_fr(register, key))} : {d.reason}"
                 + (f" (décidé le {day_fr(d.decided)})" if d.decided else "")
            for key, d in carnet.spec.risk_accepted.items()}

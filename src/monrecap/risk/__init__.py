"""The risk of a lost carnet, as data (the CNIL's DPIA method): a register per version of the
fields that invite writing, classified by `risk.yaml`, with the measures the carnet carries
and the residual risk; its trend across versions, its diff, the release gate, and its
documents (terminal, JSON, HTML, an A4 PDF).

Above `content` and `lint` (and beside `diff`, which calls `risk_diff` for its risk section);
nothing below imports it, except `evidence.py`, which names `experiments.known_ids`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from monrecap.content import Carnet, load_version, version_ids
from monrecap.errors import ContentError, Problem
from monrecap.risk.classification import FILE, Loaded, load_classification, mark_at
from monrecap.risk.register import Register, build_register
from monrecap.risk.trend import RiskDiff, TrendRow, compare_registers, trend_rows

__all__ = ["Register", "RiskDiff", "TrendRow", "RiskReport", "load_register", "risk_report",
           "risk_trend", "risk_diff", "compare_registers", "run_risk", "write_documents",
           "build_check"]


def _check_evidence(root: Path, loaded: Loaded, personal: bool = True) -> dict:
    """The experiments risk.yaml cites, by id; ContentError at risk.yaml's line for one that
    has no file. The toolkit's default cites the experiments of the repository it ships
    with: in another repository, those it does not have are left out. ``personal``: whether
    the experiments' texts are searched for personal data (not by `build`)."""
    from monrecap.risk.experiments import load_experiments

    cited = loaded.spec.cited()
    if not cited:
        return {}
    found = load_experiments(root, personal)
    if loaded.default:
        return {i: found[i].experiment for _, i in cited if i in found}
    problems = []
    for path, ident in cited:
        if ident not in found:
            at = mark_at(loaded.data, path)
            problems.append(Problem(at.where, at.path, f"{ident} is not in the field "
                                                       f"experiments (experiments/{ident}.yaml)"))
    if problems:
        raise ContentError(problems)
    return {i: found[i].experiment for _, i in cited}


class BuildCheck:
    """What `build` checks of the risk register before drawing, with the errors `risk`
    gives: the version's `risk:` and `risk_accepted:` (keys, categories) and the
    experiments risk.yaml cites. Nothing is read for a version without annotations when
    risk.yaml cites no evidence; risk.yaml and the experiments are read once a process.
    It pickles (without what it read) for `build --all`'s workers."""

    def __init__(self, root: Path) -> None:
        from monrecap.resources import data_file

        self.root = root
        path = root / FILE if (root / FILE).is_file() else data_file(FILE)
        self.cites = "evidence" in path.read_text(encoding="utf-8")  # else nothing cited
        self.loaded: Loaded | None = None

    def __getstate__(self) -> dict:
        return {**self.__dict__, "loaded": None}

    def __call__(self, carnet: Carnet) -> None:
        from monrecap.risk.register import check_keys

        annotated = bool(carnet.spec.risk or carnet.spec.risk_accepted)
        if not (annotated or self.cites):
            return
        if self.loaded is None:
            self.loaded = load_classification(self.root)
            _check_evidence(self.root, self.loaded, personal=False)
        if annotated:
            check_keys(carnet, self.loaded.spec)


def build_check(root: Path) -> BuildCheck:
    """The check `build` runs on each carnet (BuildCheck)."""
    return BuildCheck(root)


def load_register(root: Path, vid: str, variant: str | None = None,
                  loaded: Loaded | None = None, carnet: Carnet | None = None) -> Register:
    """The register of ``vid`` (or one of its editions) under the repository's risk.yaml."""
    loaded = loaded or load_classification(root)
    carnet = carnet or load_version(root, vid, variant)
    return build_register(carnet, loaded)


@dataclass
class RiskReport:
    """What `monrecap risk vN` says: the register, the experiments it cites, and what changed
    since the version it extends."""

    register: Register
    experiments: dict
    since: RiskDiff | None
    because: tuple[str, ...] = ()
    carnet: Carnet | None = None


def risk_report(root: Path, vid: str, variant: str | None = None) -> RiskReport:
    """The register of one version, with its parent's for « what changed »."""
    from monrecap.risk.trend import page_info, tied_entries

    loaded = load_classification(root)
    experiments = _check_evidence(root, loaded)
    carnet = load_version(root, vid, variant)
    register = build_register(carnet, loaded)
    since, because = None, ()
    if carnet.spec.extends:
        parent = load_version(root, carnet.spec.extends)
        since = compare_registers(build_register(parent, loaded), register)
        if not since.empty:
            info = {**page_info(parent), **page_info(carnet)}
            because = tuple(tied_entries(carnet.changelog, since.pages(), info))
    return RiskReport(register, experiments, since, because, carnet)


def risk_trend(root: Path) -> tuple[list[TrendRow], dict]:
    """Every version's register, oldest first, each against the one it extends."""
    loaded = load_classification(root)
    experiments = _check_evidence(root, loaded)
    carnets = {vid: load_version(root, vid) for vid in version_ids(root)}
    registers = [build_register(c, loaded) for c in carnets.values()]
    return trend_rows(registers, carnets), experiments


def risk_diff(old: Carnet, new: Carnet) -> RiskDiff:
    """The diff's risk section: two carnets' registers compared, under the new side's
    repository's risk.yaml."""
    loaded = load_classification(new.root)
    return compare_registers(build_register(old, loaded), build_register(new, loaded))


def write_documents(root: Path, report: RiskReport, html: Path | None = None,
                    pdf: Path | None = None) -> int | None:
    """The analysis as HTML and/or A4 PDF (its page count): both made in memory, checked,
    then written atomically, so that a failure leaves neither."""
    from monrecap.files import write_atomic
    from monrecap.risk.analysis import risk_document

    document = risk_document(report)
    pages, pdf_bytes = None, None
    if pdf is not None:
        from monrecap.fonts import load_fontset
        from monrecap.layout import load_layout
        from monrecap.risk.analysispdf import risk_pdf

        layout = load_layout(root, report.carnet.layout)
        fonts = load_fontset(layout.fonts.regular, layout.fonts.bold)
        pdf_bytes, pages = risk_pdf(root, document, layout, fonts)
    if html is not None:
        from monrecap.risk.analysishtml import risk_html

        write_atomic(html, risk_html(document).encode("utf-8"))
    if pdf_bytes is not None:
        write_atomic(pdf, pdf_bytes)
    return pages


def run_risk(root: Path, vid: str, variant: str | None = None, html: Path | None = None,
             pdf: Path | None = None) -> tuple[RiskReport, int | None]:
    """`monrecap risk vN`: the report, and its documents written if asked (the PDF's page
    count)."""
    report = risk_report(root, vid, variant)
    return report, write_documents(root, report, html, pdf)

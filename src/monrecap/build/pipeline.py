"""The build: load → render → lint → impose → preflight → the page PDF, the imposed PDFs and
build.json, written atomically."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path

from monrecap.content import Carnet, load_version, variant_names, version_ids
from monrecap.errors import ContentError, OutputError, PreflightFailed, Problem, UsageError
from monrecap.files import sha256, toolkit_fingerprint, write_atomic
from monrecap.fonts import load_fontset
from monrecap.layout import Layout, load_layout
from monrecap.pages import Rendered, padding_note, render_carnet
from monrecap.resources import recorded_file
from monrecap.build.target import Target
from monrecap.units import to_mm

Progress = Callable[[str], None]


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote."""

    pdf: Path
    manifest: Path
    pages: int
    layout: str
    imposed: tuple[Path, ...] = ()
    warnings: tuple[str, ...] = ()
    lint: tuple[dict, ...] = ()  # the lint findings recorded in build.json
    removals: tuple[str, ...] = ()  # what the version's (edition's) file removed, located
    notes: tuple[str, ...] = ()  # what the build did unasked (notes pages added)


def load_for_build(root: Path, vid: str, layout_name: str | None = None,
                   variant: str | None = None) -> tuple[Carnet, Layout]:
    """The carnet (with its variant laid over it) and the layout it is built with: its own,
    or ``layout_name``."""
    carnet = load_version(root, vid, variant)
    if layout_name is None:
        mark = carnet.locate_top("layout")
        layout = load_layout(root, carnet.layout, Problem(mark.where, mark.path_str, ""))
    else:
        layout = load_layout(root, layout_name)
    return carnet, layout


def plan_targets(root: Path, version: str | None, all_versions: bool = False,
                 variant: str | None = None, all_variants: bool = False) -> list[Target]:
    """What `monrecap build` builds for its arguments, oldest version first."""
    if all_versions == (version is not None):
        raise UsageError("name one version, or --all for every version")
    if variant and (all_variants or all_versions):
        raise UsageError("--variant builds one edition of one version; "
                         "use --all-variants with --all")
    versions = version_ids(root) if all_versions else [version]
    targets = []
    for vid in versions:
        if variant:
            targets.append(Target(vid, variant))
        else:
            targets.append(Target(vid))
            if all_variants:
                targets += [Target(vid, name) for name in variant_names(root, vid)]
    return targets


def build_version(root: Path, vid: str, out_dir: Path | None = None,
                  layout_name: str | None = None, progress: Progress = lambda _: None,
                  variant: str | None = None, impose: bool = True,
                  preflight: bool = True, lot: str | None = None,
                  known_evidence: Callable[[str], frozenset[str]] | None = None,
                  check_risk: Callable[[Carnet], None] | None = None) -> BuildResult:
    """Build one version (or one of its variants) into ``out_dir/<vid>/[<variant>/]``: the
    page PDF and its build.json.

    ``known_evidence`` gives the ids of each kind of evidence, by prefix (``evidence.
    known_ids``: feedback/ and risk/ sit above the build, so the caller passes it); when
    given, every ``evidence:`` id of the changelog must be among them. ``check_risk``
    (``risk.build_check``, passed for the same reason) checks the version's ``risk:``
    annotations and the experiments risk.yaml cites.

    With another layout than the version's own, the files carry the layout's name
    (``monrecap-v11-a5.pdf``) so that the default artifacts are never overwritten.
    """
    label = f"{vid} ({variant})" if variant else vid
    progress(f"loading {label}")
    carnet, layout = load_for_build(root, vid, layout_name, variant)
    if known_evidence is not None:
        check_evidence(root, carnet, known_evidence)
    if check_risk is not None:
        check_risk(carnet)
    from monrecap.lint.contrast import prepare

    prepare()  # the lint's colour transform, built while the pages render
    fonts = load_fontset(layout.fonts.regular, layout.fonts.bold)
    progress(f"rendering {label} on {layout.name} ({layout.trim_mm})")
    # The page PDF is PDF/X-4 as ReportLab writes it (no pikepdf for a page-only build).
    title = f"{carnet.title} {vid}" + (f" ({variant})" if variant else "")
    rendered = render_carnet(carnet, layout, fonts, pdfx_title=title, lot=lot)
    # Ghostscript measures the page PDF's ink while the lint, imposition and inspection run;
    # it is stopped if any of them fails.
    with _coverage(rendered.pdf) if preflight else nullcontext() as coverage:
        lint = _lint(root, carnet, layout)
        target = (out_dir or root / "dist") / vid
        stem = f"monrecap-{vid}"
        if variant:
            target, stem = target / variant, f"{stem}-{variant}"
        suffix = "" if layout.name == carnet.layout else f"-{layout.name}"
        pdf_path = target / f"{stem}{suffix}.pdf"
        manifest_path = target / f"build{suffix}.json"
        # The version's print profiles on its own layout; another layout's (an edition such as
        # the large-print a5) on that layout.
        profiles, mark = (carnet.spec.print, carnet.locate_top("print")) if not suffix else \
            (layout.print, layout.mark("print"))
        imposed = _impose(root, carnet, layout, fonts, rendered, profiles, mark, progress,
                          label, title, target / f"{stem}{suffix}") \
            if impose and profiles else []
        findings: list[dict] = []
        if coverage is not None:
            progress(f"preflight {label}")
            layout_map = {"pages": _page_entries(rendered)}  # where each field is
            findings = _preflight(rendered.pdf, imposed, layout, pdf_path.name, layout_map,
                                  coverage)
            _stop_on_errors(findings)
        manifest = build_manifest(root, carnet, layout, rendered, pdf_path.name, imposed,
                                  findings, lint, lot)
        progress(f"writing {pdf_path}")
        try:
            write_atomic(pdf_path, rendered.pdf)
            for _, path, result in imposed:
                write_atomic(path, result.pdf)
            write_atomic(manifest_path, manifest)
        except OSError as exc:
            raise OutputError(f"{exc.filename or target}: cannot write: "
                              f"{exc.strerror}") from None
        warnings = tuple(str(p) for p in carnet.merge_warnings) + tuple(
            f"{name}: {w}" for name, _, r in imposed for w in r.plan.warnings)
        return BuildResult(pdf_path, manifest_path, len(rendered.pages), layout.name,
                           tuple(p for _, p, _ in imposed), warnings, tuple(lint),
                           tuple(str(p) for p in carnet.removals),
                           tuple(n for n in (padding_note(rendered),) if n))


def _impose(root: Path, carnet: Carnet, layout: Layout, fonts, rendered: Rendered,
            profiles: list[str], mark, progress: Progress, label: str, title: str,
            stem: Path) -> list:
    """The page PDF imposed with each profile, identified as PDF/X-4: (profile name, output
    path ``<stem>-<profile>.pdf``, Imposed)."""
    from functools import partial

    from monrecap.impose import JobInfo, impose_pdf, load_profile
    from monrecap.preflight.pdfx import identify_pdfx4

    job = JobInfo(product=carnet.title, version=carnet.version,
                  variant=carnet.variant or "",
                  date=carnet.released.isoformat(), checksum=sha256(rendered.pdf)[:8])
    imposed = []
    for name in profiles:
        profile = load_profile(root, name, Problem(mark.where, mark.path_str, ""))
        profile = profile.model_copy(update={"safe": layout.safe})
        progress(f"imposing {label} for {name}")
        # Imposition does not carry the page PDF's PDF/X-4 identification over: the sheets
        # are identified anew before their one save.
        result = impose_pdf(rendered.pdf, f"{stem.name}.pdf", profile, fonts, job,
                            finish=partial(identify_pdfx4, title=f"{title} {name}",
                                           date=carnet.released))
        imposed.append((name, stem.parent / f"{stem.name}-{name}.pdf", result))
    return imposed


def _stop_on_errors(findings: list[dict]) -> None:
    """A preflight error stops the build, before anything is written."""
    errors = [f for f in findings if f["severity"] == "error"]
    if errors:
        raise PreflightFailed([Problem(f["file"] + (f":page {f['page']}" if f["page"] else ""),
                                       f["rule"], f"{f['message']} ({f['hint']})"
                                       + (f" [{f['where']}]" if f["where"] else ""))
                               for f in errors])


@contextmanager
def _coverage(pdf: bytes) -> Iterator:
    """The ink coverage of ``pdf``, started now in the background."""
    from monrecap.preflight.ink import Coverage

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "pages.pdf"
        path.write_bytes(pdf)
        coverage = Coverage(path)
        try:
            yield coverage
        finally:
            coverage.cancel()  # nothing left to stop once its result was read


def check_evidence(root: Path, carnet: Carnet,
                   known_evidence: Callable[[str], frozenset[str]]) -> None:
    """Each id a changelog entry cites as ``evidence:`` must exist where its kind lives
    (``evidence.KINDS``: fb- the feedback store, exp- the field experiments…);
    ContentError at the id's line otherwise. A kind is read only if one of its ids is cited."""
    from monrecap.evidence import KINDS, prefix

    cited = [(i, j, fid) for i, entry in enumerate(carnet.changelog)
             for j, fid in enumerate(entry.evidence)]
    if not cited:
        return
    missing = [(i, j, fid) for i, j, fid in cited if fid not in known_evidence(prefix(fid))]
    if not missing:
        return
    from monrecap.content.inherit import version_file
    from monrecap.source import load_yaml

    data = load_yaml(root / version_file(carnet.version), version_file(carnet.version))
    problems = []
    for i, j, fid in missing:
        try:
            mark = data["changelog"][i]["evidence"].mark_of(j)
        except (KeyError, IndexError, TypeError, AttributeError):
            mark = carnet.locate_top("changelog")
        problems.append(Problem(mark.where, f"changelog -> {i} -> evidence -> {j}",
                                f"{fid} is not in {KINDS[prefix(fid)].where}"))
    raise ContentError(problems)


def _file_entry(root: Path, path: Path) -> dict[str, str]:
    from monrecap.resources import display_path

    return {"path": display_path(path, root), "sha256": sha256(path.read_bytes())}


def _preflight(page_pdf: bytes, imposed: list, layout: Layout, name: str,
               layout_map: dict, coverage=None) -> list[dict]:
    """Findings on the page PDF (with our layout's minimums, pointing at page ids and fields
    through the layout map) and on each imposed file."""
    from dataclasses import asdict

    from monrecap.preflight import Context, run_preflight

    out = []
    ctx = Context(kind="pages", bleed=layout.bleed, safe=layout.safe,
                  body_min=layout.type.body, phone_min=layout.minimums.key, manifest=layout_map)
    for finding in run_preflight(page_pdf, ctx, coverage=coverage).findings:
        out.append({"file": name, **asdict(finding)})
    for _, path, result in imposed:
        # The sheets place the page PDF checked above, unscaled: check what imposition adds
        # (boxes, marks, identification), not the pages again.
        for finding in run_preflight(result.pdf, Context(kind="sheets", deep=False)).findings:
            out.append({"file": path.name, **asdict(finding)})
    return out


def _lint(root: Path, carnet: Carnet, layout: Layout) -> list[dict]:
    """The easy-to-read and sensitive-data lint: a sensitive-data error stops the build (the
    carnet must never invite it); the rest is recorded, so early versions still rebuild
    (`release` refuses lint errors, ``lint/gate.py``)."""
    from dataclasses import asdict

    from monrecap.lint.gate import lint_for_build, stop_on_sensitive

    report = lint_for_build(root, carnet, layout)
    stop_on_sensitive(report)
    return [asdict(f) for f in report.findings]


def build_manifest(root: Path, carnet: Carnet, layout: Layout, rendered: Rendered,
                   pdf_name: str, imposed: list | None = None,
                   findings: list | None = None, lint: list | None = None,
                   lot: str | None = None) -> bytes:
    """build.json: what was built from what, page by page, with checksums (no dates, no
    absolute paths, so that it is byte-identical across rebuilds)."""
    pictos = sorted({str(v) for page in carnet.pages for v in _paths(page)})
    sources = [_file_entry(root, root / f) for f in carnet.files]
    sources += [_file_entry(root, recorded_file(root, f)) for f in carnet.templates]
    sources.append(_file_entry(root, root / "layouts" / f"{layout.name}.yaml"))
    sources += [_file_entry(root, recorded_file(root, f"layouts/print/{name}.yaml"))
                for name, _, _ in (imposed or [])]
    sources += [_file_entry(root, Path(p)) for p in pictos]
    data = {
        "version": carnet.version,
        "toolkit": toolkit_fingerprint(),
        "variant": carnet.edition.model_dump() if carnet.edition else None,
        "title": carnet.title,
        "released": carnet.released.isoformat(),
        **({"lot": lot} if lot else {}),
        "layout": {"name": layout.name, "trim_mm": [to_mm(v) for v in layout.trim],
                   "bleed_mm": to_mm(layout.bleed), "safe_mm": to_mm(layout.safe)},
        "pdf": {"file": pdf_name, "sha256": sha256(rendered.pdf), "bytes": len(rendered.pdf)},
        "page_count": len(rendered.pages),
        "pages": _page_entries(rendered),
        "imposed": [{"profile": name, "file": path.name, "sha256": sha256(result.pdf),
                     "sheets": len(result.plan.sheets), "warnings": result.plan.warnings}
                    for name, path, result in (imposed or [])],
        "preflight": findings or [],
        "lint": lint or [],
        "fonts": [_file_entry(root, layout.fonts.regular), _file_entry(root, layout.fonts.bold)],
        "sources": sources,
    }
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _page_entries(rendered: Rendered) -> list[dict]:
    """build.json's pages: each page's content and where each of its fields is."""
    return [{"number": r.number, "id": r.id, "kind": r.kind, "part": r.part, "title": r.title,
             "fields": [{"path": f.path, "box_mm": [f.x, f.y, f.w, f.h]} for f in r.fields]}
            for r in rendered.pages]


def _paths(model) -> list[Path]:
    """Every asset path inside a page model (pictograms)."""
    found = []
    for value in model.__dict__.values():
        if isinstance(value, Path):
            found.append(value)
        elif isinstance(value, list):
            for item in value:
                if hasattr(item, "__dict__"):
                    found += _paths(item)
    return found

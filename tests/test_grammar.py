"""One command-line grammar: every command × every shared option, checked the same way.

The conventions are documented once, in the README's « Command-line conventions »; the JSON
shapes in docs/schemas/. In-process (Typer's runner) where the process does not matter, a real
process where it does (exit codes through main(), Ctrl-C, the folder the command runs in)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from conftest import BASE, ROOT, make_repo, run_cli
from monrecap.cli import app

SCHEMAS = ROOT / "docs" / "schemas"
COMMANDS = ["build", "versions", "show", "new", "impose", "check", "diff", "release", "lint",
            "orders plan", "orders history", "lot", "feedback import", "feedback report",
            "feedback sheet", "impact import", "impact report", "impact compare", "risk",
            "schema"]
PROGRESS = ["build", "impose", "check", "diff", "release", "lint", "risk"]  # take -q
REPORTING = ["build", "versions", "show", "impose", "check", "diff", "release", "lint", "risk"]


def invoke(*args: str, cwd: Path | None = None):
    old = Path.cwd()
    if cwd:
        os.chdir(cwd)
    try:
        return CliRunner().invoke(app, list(args), env={"COLUMNS": "100"})
    finally:
        os.chdir(old)


@pytest.fixture(scope="module")
def grammar_repo(tmp_path_factory) -> Path:
    """v0 (the small base carnet) and v1 (one change, one print profile), built."""
    root = make_repo(tmp_path_factory.mktemp("grammar"), {
        "v0": BASE.read_text(encoding="utf-8"),
        "v1": "version: v1\nextends: v0\nprint: [bureau-a4]\nchangelog:\n"
              "  - change: Un changement.\n    finding: Un test.\n"
              "pages:\n  - id: couverture\n    band: Une bande\n"})
    (root / "release.yaml").write_text("versions: [v1]\nvariants: all\n")
    for vid in ("v0", "v1"):
        assert invoke("build", vid, "-q", "--root", str(root)).exit_code == 0
    return root


@pytest.mark.parametrize("command", COMMANDS)
def test_help_has_no_bool_metavar_and_ends_with_an_example(command: str) -> None:
    result = invoke(*command.split(), "--help")
    assert result.exit_code == 0, result.output
    assert "<bool>" not in result.output
    lines = [line.strip() for line in result.output.splitlines() if line.strip()]
    assert lines[-1].startswith(f"Example: monrecap {command}"), lines[-1]


def test_top_level_help_documents_exit_codes_and_version() -> None:
    result = invoke("--help")
    assert "Exit codes: 0 success or clean; 1 findings or differences; 2 usage or input" \
        in result.output and "130 interrupted" in result.output
    assert "--install-completion" in result.output and "<bool>" not in result.output
    version = run_cli("--version")
    assert version.returncode == 0
    assert version.stdout.startswith("monrecap 0.") and "(toolkit " in version.stdout


def _options(command: str) -> set[str]:
    """Every option name of a command, from the parsed command tree (not the help text)."""
    from typer.main import get_command

    node = get_command(app)
    for word in command.split():
        node = node.commands[word]
    return {name for param in node.params for name in (*param.opts, *param.secondary_opts)}


@pytest.mark.parametrize("command", PROGRESS + ["orders plan", "feedback import",
                                                "feedback report", "feedback sheet",
                                                "impact import", "impact report"])
def test_quiet_is_accepted_everywhere(command: str) -> None:
    assert {"-q", "--quiet"} <= _options(command)


@pytest.mark.parametrize("command", REPORTING + ["orders plan", "orders history", "lot",
                                                 "feedback import", "feedback report",
                                                 "impact import", "impact report",
                                                 "impact compare"])
def test_json_is_accepted_everywhere(command: str) -> None:
    assert "--json" in _options(command)


@pytest.mark.parametrize("command", ["impose", "feedback sheet"])
def test_the_one_main_output_file_is_dash_o(command: str) -> None:
    assert {"-o", "--output"} <= _options(command)


@pytest.mark.parametrize("command", ["build", "release", "orders plan"])
def test_an_output_folder_is_out(command: str) -> None:
    assert "--out" in _options(command)


def _json_runs(root: Path, tmp: Path) -> dict[str, list[str]]:
    pdf = str(root / "dist" / "v1" / "monrecap-v1.pdf")
    return {
        "versions": ["versions"],
        "show": ["show", "v1"],
        "build": ["build", "v0", "--no-impose", "--out", str(tmp / "dist")],
        "impose": ["impose", pdf, "--profile", "bureau-a4", "-o", str(tmp / "sheets.pdf")],
        "check": ["check", "v1"],
        "lint": ["lint", "v1"],
        "lint-trend": ["lint", "--all"],
        "diff": ["diff", "v0", "v1"],
        "release": ["release", "--out", str(tmp / "release"), "--workers", "1"],
        "risk": ["risk", "v1"],
        "risk-trend": ["risk", "--all"],
    }


@pytest.mark.parametrize("kind", ["versions", "show", "build", "impose", "check", "lint",
                                  "lint-trend", "diff", "release", "risk", "risk-trend"])
def test_json_output_follows_its_documented_schema(kind: str, grammar_repo: Path,
                                                   tmp_path: Path) -> None:
    args = _json_runs(grammar_repo, tmp_path)[kind]
    result = invoke(*args, "--json", "--root", str(grammar_repo))
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1 and data["kind"] == kind
    jsonschema.validate(data, json.loads((SCHEMAS / f"{kind}.json").read_text()))


def _output_runs(root: Path, target: Path) -> list[list[str]]:
    """Every output option of every command, pointed at ``target``."""
    pdf = str(root / "dist" / "v1" / "monrecap-v1.pdf")
    return [
        ["impose", pdf, "--profile", "bureau-a4", "-o", str(target)],
        ["impose", pdf, "--profile", "bureau-a4", "--map-json", str(target)],
        ["impose", pdf, "--profile", "bureau-a4", "--preview", str(target)],
        ["diff", "v0", "v1", "--html", str(target)],
        ["diff", "v0", "v1", "--report", str(target)],
        ["lint", "--all", "--chart", str(target)],
        ["impact", "report", "--html", str(target)],
        ["impact", "report", "--pdf", str(target)],
        ["risk", "v1", "--html", str(target)],
        ["risk", "v1", "--pdf", str(target)],
    ]


@pytest.mark.parametrize("where", ["folder", "missing-parent", "read-only"])
def test_every_output_option_refuses_a_bad_path_before_any_work(where: str, grammar_repo: Path,
                                                                tmp_path: Path) -> None:
    target = {"folder": tmp_path,
              "missing-parent": tmp_path / "nope" / "out.pdf",
              "read-only": Path("/proc/monrecap-out.pdf")}[where]
    for args in _output_runs(grammar_repo, target):
        before = sorted(p.name for p in tmp_path.iterdir())
        result = invoke(*args, "--root", str(grammar_repo))
        assert result.exit_code == 2, (args, result.output)
        errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
        assert len(errors) == 1 and "Traceback" not in result.output, (args, result.output)
        assert sorted(p.name for p in tmp_path.iterdir()) == before, args


def test_output_names_say_what_they_must_be(grammar_repo: Path, tmp_path: Path) -> None:
    pdf = str(grammar_repo / "dist" / "v1" / "monrecap-v1.pdf")
    chart = invoke("lint", "--all", "--chart", str(tmp_path / "trend.png"),
                   "--root", str(grammar_repo))
    assert chart.exit_code == 2
    assert chart.stderr == (f"error: --chart {tmp_path / 'trend.png'}: cannot write a '.png' "
                            "file here; name it with '.svg' or '.pdf'\n")
    one = invoke("lint", "v1", "--chart", str(tmp_path / "x.svg"), "--root", str(grammar_repo))
    assert one.exit_code == 2 and one.stderr == "error: --chart draws the trend: use it with " \
                                                "--all\n"
    folder = invoke("impose", pdf, "--profile", "bureau-a4", "-o", str(tmp_path / "x.pdf"),
                    "--preview", str(tmp_path), "--root", str(grammar_repo))
    assert folder.exit_code == 2
    assert folder.stderr == (f"error: --preview {tmp_path}: is a folder; give a file name, "
                             f"e.g. {tmp_path / 'out.png'}\n")
    assert not (tmp_path / "x.pdf").exists()  # nothing written before the error
    out_file = tmp_path / "a-file"
    out_file.write_text("")
    release = invoke("release", "--out", str(out_file), "--root", str(grammar_repo))
    assert release.exit_code == 2 and "is a file, not a folder" in release.stderr


def test_numbers_are_validated() -> None:
    result = invoke("release", "--workers", "0")
    flat = " ".join(result.output.replace("│", " ").split())
    assert result.exit_code == 2 and "'--workers': Input should be greater than or equal to 1" in flat, flat


def test_version_commands_find_the_repository_like_git(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", {"v0": BASE.read_text(encoding="utf-8")})
    inside = run_cli("show", "v0", "--json", cwd=root / "versions" / "v0")
    assert inside.returncode == 0, inside.stderr
    assert json.loads(inside.stdout)["version"] == "v0"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for command in (["versions"], ["build", "v0"], ["lint", "v0"], ["show", "v0"],
                    ["new", "v1"], ["release"], ["check", "v0"], ["diff", "v0", "v1"],
                    ["risk", "v0"]):
        result = run_cli(*command, cwd=elsewhere, env={"MONRECAP_ROOT": ""})
        assert result.returncode == 2, command
        assert result.stderr == ("error: not inside a monrecap repository (no versions/ here or "
                                 "above); use --root\n"), command
        assert result.stdout == ""
    by_env = run_cli("show", "v0", "--json", cwd=elsewhere, env={"MONRECAP_ROOT": str(root)})
    assert by_env.returncode == 0, by_env.stderr
    wrong = run_cli("versions", "--root", str(elsewhere), cwd=elsewhere)
    assert wrong.returncode == 2 and "not a monrecap repository" in wrong.stderr


def test_lint_piped_prints_one_uncut_finding_a_line(tmp_path: Path) -> None:
    text = BASE.read_text(encoding="utf-8")
    root = make_repo(tmp_path, {"v0": text})
    result = run_cli("lint", "v0", cwd=root, env={"COLUMNS": "40"})
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert ("versions/v0/carnet.yaml:33:13: pages -> 2 -> bring -> 0: warning: words.acronym: "
            "acronym « CV » not explained (fix: explain it in the version's glossary)") in lines
    assert not any("…" in line for line in lines)


@pytest.mark.parametrize("delay", [0.1, 0.25, 0.4])  # a v0 build takes ~0.5 s
def test_ctrl_c_exits_130_with_one_line(tmp_path: Path, delay: float) -> None:
    root = make_repo(tmp_path, {"v0": BASE.read_text(encoding="utf-8")})
    proc = subprocess.Popen([sys.executable, "-m", "monrecap", "build", "v0", "--root",
                             str(root)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    time.sleep(delay)  # inside the imports or the build: either way nothing is half-written
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    if proc.returncode in (0, -signal.SIGINT) and "built " in err:
        pytest.skip("the build had finished when the signal came (the process was exiting)")
    if "KeyboardInterrupt" in err and "monrecap" not in err:  # on a loaded machine
        pytest.skip("the signal came while Python itself was starting, before the program")
    assert proc.returncode == 130, err
    assert "Traceback" not in err and err.splitlines()[-1].startswith("interrupted: ")
    assert not list(root.rglob("*.tmp"))


@pytest.mark.parametrize("args", [
    ["build", "v99"], ["build", "--all", "v1"], ["build", "v1", "--variant", "nope"],
    ["build", "v1", "--layout", "a7"], ["show", "v99"], ["new", "version-douze"],
    ["new", "v1"], ["impose", "missing.pdf", "--profile", "bureau-a4"],
    ["impose", "{pdf}", "--profile", "nope"], ["impose", "{pdf}", "--sheet", "A99"],
    ["impose", "{pdf}", "--profile", "bureau-a4", "--creep", "lots"],
    ["check", "missing.pdf"], ["check", "{yaml}"], ["diff", "missing.pdf", "v1"],
    ["diff", "v0", "v1", "--fail-on", "everything"], ["lint", "v99"], ["lint"],
    ["release", "--out", "{yaml}"], ["risk"], ["risk", "v99"], ["risk", "--all", "v1"],
    ["risk", "--all", "--pdf", "x.pdf"], ["risk", "v1", "--variant", "nope"],
])
def test_bad_input_is_one_error_and_exit_2_never_a_traceback(args: list[str],
                                                             grammar_repo: Path) -> None:
    pdf = grammar_repo / "dist" / "v1" / "monrecap-v1.pdf"
    yaml = grammar_repo / "versions" / "v1" / "carnet.yaml"
    args = [a.format(pdf=pdf, yaml=yaml) for a in args]
    result = invoke(*args, "--root", str(grammar_repo))
    assert isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 2, (args, result.output)
    assert "error: " in result.stderr and "Traceback" not in result.output, args


def test_long_runs_report_their_pages_to_whoever_listens(tmp_path: Path) -> None:
    """impose, check and diff tick through their pages; the CLI draws a bar from the ticks on
    a terminal only (piped, the other tests see stderr unchanged)."""
    import pikepdf

    from monrecap.diff import run_diff
    from monrecap.preflight import check_target
    from monrecap.impose.command import impose_file
    from monrecap.progress import listening

    pdf = pikepdf.new()
    for _ in range(120):
        pdf.add_blank_page(page_size=(298, 420))
    source = tmp_path / "p.pdf"
    pdf.save(source)
    heard: dict[str, list[int]] = {}

    def listen(what: str, done: int, total: int) -> None:
        heard.setdefault(what, []).append(done)
        assert total in (60, 120)

    with listening(listen):
        impose_file(tmp_path, source, tmp_path / "s.pdf", None,
                    dict(scheme="nup", sheet="A4", marks="none"))
        check_target(tmp_path, str(source))
        run_diff(tmp_path, str(source), str(source), None, None, None, 100, None)
    assert heard["writing sheets"] == list(range(1, 61))
    assert heard["inspecting pages"] == list(range(1, 121))
    assert heard["comparing pages"] == list(range(1, 121))

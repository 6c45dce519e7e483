"""The scale benchmark's own parts: valid generated data, a site that builds from it, the same data for a seed."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from benchmarks import run
from benchmarks.generate import MAX_COUNTRIES, SHARES, generate, split, synthesise, write_data
from benchmarks.measure import Build, environment, mkdocs_command
from benchmarks.project import drop_top_level_keys, make_baseline_project, make_explainer_project, make_real_project
from benchmarks.rebuild import data_edit, measure_rebuild, page_edit
from benchmarks.report import Results, SizeResult, document
from benchmarks.snapshot import take_snapshot
from explainer.load import load_dataset
from explainer.markup import PICTURE_MARK, find_links
from explainer.model import ENTITY_KINDS
from explainer.pages import entity_src

SMALL = 45  # more than the ids docs/ links to (31 today): generated data must hold each


def test_generated_data_loads_with_the_sites_loader(tmp_path):
    generate(SMALL, tmp_path)
    dataset = load_dataset(tmp_path / "data")  # raises DataErrors, listing every problem, if anything is invalid

    # The kinds the generator makes (its SHARES); a kind it does not know gets no entries, and breaks nothing.
    assert sum(len(getattr(dataset, kind)) for kind in ENTITY_KINDS) == SMALL
    assert all(getattr(dataset, kind) for kind in SHARES)
    assert dataset.eras and dataset.events and dataset.checks and len(dataset.sources) > 1
    assert any(organisation.members for organisation in dataset.organisations)
    assert any(organisation.succeeded_by for organisation in dataset.organisations)
    text = (tmp_path / "data" / "people.yml").read_text(encoding="utf-8")
    assert any(find_links(text)) and "source: article" in text and "quote:" in text


@pytest.mark.parametrize("n", [9, 30, 999, 1000, 5000, 12345])
def test_the_split_adds_up_to_n(n):
    counts = split(n)

    assert sum(counts.values()) == n
    assert set(counts) == set(SHARES) <= set(ENTITY_KINDS) and min(counts.values()) >= 1
    assert counts["countries"] <= MAX_COUNTRIES


def test_the_generator_is_deterministic_for_a_seed(tmp_path):
    first, again, other = (tmp_path / name for name in ("first", "again", "other"))
    write_data(first, synthesise(SMALL, seed=7), "test")
    write_data(again, synthesise(SMALL, seed=7), "test")
    write_data(other, synthesise(SMALL, seed=8), "test")

    def contents(folder: Path) -> dict[str, bytes]:
        return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*.yml"))}

    assert contents(first) == contents(again)
    assert contents(first) != contents(other)


def test_the_baseline_config_keeps_everything_but_the_hooks():
    config = "site_name: x\nhooks:\n  - hooks/a.py\n- hooks/b.py\ntheme:\n  name: material\nwatch:\n  - data\nnav:\n"

    kept = drop_top_level_keys(config, ("hooks", "watch"))

    assert yaml.safe_load(kept) == {"site_name": "x", "theme": {"name": "material"}, "nav": None}


def test_the_real_sites_baseline_has_its_pictures_in(tmp_path):
    """The home page asks for the region map; the baseline's home page is the same page only with the map in."""
    baseline = make_baseline_project(make_real_project(tmp_path / "explainer"), tmp_path / "baseline")
    home = (baseline.docs / "index.md").read_text(encoding="utf-8")
    asked = PICTURE_MARK.findall((tmp_path / "explainer" / "docs" / "index.md").read_text(encoding="utf-8"))
    assert asked, "the home page no longer asks for a picture: test another page"
    assert not PICTURE_MARK.search(home) and "<svg" in home


def built_pages(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*.html")}


def test_the_benchmark_runs_from_its_snapshot(tmp_path):
    # `make bench` copies the checkout once and runs from the copy: the copy must hold all the generator reads.
    source = take_snapshot(Path(__file__).resolve().parents[1], tmp_path / "source")
    result = subprocess.run([sys.executable, "-m", "benchmarks.generate", str(SMALL), str(tmp_path / "project")],
                            cwd=source, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "project" / "data" / "geo").is_dir()


def test_a_small_generated_site_and_its_baseline_build_strictly_with_the_same_pages(tmp_path):
    explainer = make_explainer_project(SMALL, tmp_path / "explainer")
    baseline = make_baseline_project(explainer, tmp_path / "baseline")
    sites = {"explainer": tmp_path / "site-explainer", "baseline": tmp_path / "site-baseline"}
    builds = {name: subprocess.Popen(mkdocs_command(project.config, "build", "--strict", "-q", "-d", str(sites[name])),
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=environment())
              for name, project in (("explainer", explainer), ("baseline", baseline))}
    for name, build in builds.items():
        output, _ = build.communicate(timeout=300)
        assert build.returncode == 0, f"the {name} build failed:\n{output}"

    assert explainer.generated is not None
    for kind in ENTITY_KINDS:
        for entity in getattr(explainer.generated.dataset, kind):
            page = sites["explainer"] / entity_src(kind, entity.id).removesuffix(".md") / "index.html"
            assert page.is_file(), f"no page for {entity.id}"
            assert entity.name.split()[0] in page.read_text(encoding="utf-8")
    assert built_pages(sites["explainer"]) == built_pages(sites["baseline"])


def test_the_rebuild_loop_sees_each_edit_served_on_both_projects(tmp_path):
    explainer = make_explainer_project(SMALL, tmp_path / "explainer")
    baseline = make_baseline_project(explainer, tmp_path / "baseline")
    for project, edit in ((explainer, data_edit(explainer)), (baseline, page_edit(baseline, explainer))):
        rebuild = measure_rebuild(project, edit, edits=2, timeout=120)
        assert len(rebuild.edits) == 2
        assert all(edit.seconds > 0 and edit.cpu_seconds >= 0 for edit in rebuild.edits)


def test_each_round_builds_the_explainer_then_the_baseline_once(monkeypatch):
    explainer = SimpleNamespace(config=Path("explainer/mkdocs.yml"), generated=SimpleNamespace(entity_count=lambda: 7))
    baseline = SimpleNamespace(config=Path("baseline/mkdocs.yml"), pages=lambda: ["a.md", "b.md"])
    built: list[Path] = []

    def fake_build(config: Path) -> Build:
        built.append(config)
        return Build(float(len(built)), 1.0, 10.0)

    monkeypatch.setattr(run, "timed_build", fake_build)
    result = run.measure_size(explainer, baseline, repeats=2, warmup=1)

    assert built == [explainer.config, baseline.config] * 3
    assert (result.n, result.pages) == (7, 2)
    assert [build.seconds for build in result.explainer] == [3.0, 5.0]
    assert [build.seconds for build in result.baseline] == [4.0, 6.0]


def test_the_results_page_has_the_explainer_and_the_baseline_and_nothing_else():
    results = Results(repeats=1, warmup=0, seed=0, core="abc1234", complete=True)
    for n in (1000, 5000):
        results.sizes.append(SizeResult(n, n, explainer=[Build(2.0, 1.5, 300.0)], baseline=[Build(1.0, 1.0, 200.0)]))

    page = document(results, "python -m benchmarks.run")

    assert "- N=1,000: explainer 2.00 s (1.50 s CPU, 300 MB); baseline 1.00 s (1.00 s CPU, 200 MB)" in page
    assert not re.search(r"\bmemo\b|from scratch", page, re.IGNORECASE)

"""The benchmark's smoke run: every measurement of ``python -m bench`` still works end to end.

CI does not run the full benchmark (15 minutes); it runs this, so that a change to the service
or to the benchmark that breaks a measurement fails here instead of on the next full run.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.support.infra import REDIS_URL, pg_reachable, redis_reachable, unavailable

ROOT = Path(__file__).resolve().parents[2]
REQUEST_FIGURES = {
    "bare_before",
    "status_hit",
    "status_miss",
    "list_p1",
    "list_p1_f",
    "heavy_p1",
    "heavy_deep",
    "heavy_p1_f",
    "heavy_deep_f",
    "create",
    "bare_after",
}


@pytest.fixture(scope="module")
def smoke(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], str, str]:
    """One smoke run for the whole module: (results JSON, printed output, document)."""
    if not pg_reachable():
        unavailable("PostgreSQL")
    if not redis_reachable(REDIS_URL):
        unavailable("Redis at " + REDIS_URL)
    tmp = tmp_path_factory.mktemp("bench")
    out, results = tmp / "performance.md", tmp / "run.json"
    proc = subprocess.run(
        [sys.executable, "-m", "bench", "--smoke", "--out", str(out), "--json", str(results)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return json.loads(results.read_text()), proc.stdout, out.read_text()


@pytest.mark.slow
def test_every_request_figure_was_measured_without_errors(
    smoke: tuple[dict[str, Any], str, str],
) -> None:
    run, _, _ = smoke
    assert [b["key"] for b in run["backends"]] == ["embedded", "postgres"]
    for backend in run["backends"]:
        assert set(backend["figures"]) == REQUEST_FIGURES
        for key, figure in backend["figures"].items():
            result = figure["result"]
            assert result["requests"] > 0, (backend["key"], key)
            assert result["errors"] == {}, (backend["key"], key, result["errors"])
            assert figure["cpu_us"] > 0, (backend["key"], key)


@pytest.mark.slow
def test_streams_memory_polling_and_pipeline_were_measured(
    smoke: tuple[dict[str, Any], str, str],
) -> None:
    run, _, _ = smoke
    for backend in run["backends"]:
        streams = backend["streams"]
        assert streams["streams"] == 50
        assert streams["failed"] == 0
        assert streams["rss_open_mb"] > 0
    embedded = run["backends"][0]
    assert embedded["idle_rss_mb"] > 0
    assert embedded["idle_rss_after_task_mb"] > 0
    polling = embedded["polling"]
    assert polling["polls"] > 0
    assert polling["poll_errors"] == 0
    assert polling["create_errors"] == 0
    [pipeline] = run["pipeline"]
    assert pipeline["entities"] == pipeline["target_entities"] == 3


@pytest.mark.slow
def test_the_document_holds_the_printed_tables_and_every_target(
    smoke: tuple[dict[str, Any], str, str],
) -> None:
    run, printed, document = smoke
    tables = printed[printed.index("### Targets") :].split("\nwritten:")[0].strip()
    assert tables in document
    assert "## Machine" in document
    assert run["machine"]["cores"] > 0
    names = {t["name"] for t in run["targets"]}
    assert {
        "status, cache hit >= 60% of bare",
        "status, cache hit >= 45% of bare",
        "status, cache miss >= 25% of bare",
        "create >= 20% of bare, zero errors",
        "pipeline, 3 entities <= 1 s",
    } <= names
    for target in run["targets"]:
        verdict = "pass" if target["ok"] else "**MISS**"
        assert f"| {target['name']} | {target['backend']} | {target['measured']} | {verdict} |" in (
            document
        )

"""The tables the run prints, and ``docs/performance.md`` made of exactly those tables."""

from __future__ import annotations

import statistics
from pathlib import Path

from bench.results import BackendResult, RunResult, judge

FINDINGS = Path(__file__).with_name("findings.md")

ORDER = [
    ("status_hit", "status, cache hit"),
    ("status_miss", "status, cache miss"),
    ("list_p1", "list page 1 (users with ~100 tasks)"),
    ("list_p1_f", "list page 1, status=completed"),
    ("heavy_p1", "list page 1 (user with 5,000 tasks)"),
    ("heavy_deep", "list deep page (offset >= 1,000)"),
    ("heavy_p1_f", "list page 1 (5,000 tasks), status=completed"),
    ("heavy_deep_f", "list deep page, status=completed"),
    ("create", "create"),
]


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    return [_row(head), _row(["---"] * len(head)), *(_row(r) for r in rows)]


def requests_table(b: BackendResult) -> list[str]:
    before, after = b.result("bare_before"), b.result("bare_after")
    rows = [
        [
            "bare JSON endpoint (reference)",
            f"{b.bare_rps:,.0f}",
            f"{(before.p50_ms + after.p50_ms) / 2:.2f}",
            f"{b.bare_p99:.2f}",
            "100%",
            "1.00x",
            f"{b.bare_cpu_us:,.0f}",
            "100%",
            str(before.error_count + after.error_count),
            f"mean of {before.rps:,.0f} (first) and {after.rps:,.0f} (last)",
        ]
    ]
    for key, label in ORDER:
        fig = b.figures.get(key)
        if fig is None:
            continue
        r = fig.result
        rows.append(
            [
                label,
                f"{r.rps:,.0f}",
                f"{r.p50_ms:.2f}",
                f"{r.p99_ms:.2f}",
                f"{100 * b.ratio(key):.0f}%",
                f"{b.p99_ratio(key):.2f}x",
                f"{fig.cpu_us:,.0f}",
                f"{100 * b.cpu_ratio(key):.0f}%",
                str(r.error_count),
                fig.note,
            ]
        )
    head = [
        "measurement",
        "req/s",
        "p50 ms",
        "p99 ms",
        "of bare req/s",
        "p99 / bare p99",
        "server CPU µs/req",
        "of bare, by CPU",
        "errors",
        "note",
    ]
    return _table(head, rows)


def memory_table(run: RunResult) -> list[str]:
    rows = []
    for b in run.backends:
        s = b.streams
        streams = f"{s.rss_open_mb:.0f} MB (+{s.added_mb:.0f} MB)" if s else "-"
        rows.append(
            [
                b.label,
                f"{b.idle_rss_mb:.0f} MB" if b.idle_rss_mb else "-",
                f"{b.idle_rss_after_task_mb:.0f} MB" if b.idle_rss_mb else "-",
                f"{s.rss_before_mb:.0f} MB" if s else "-",
                f"{s.streams} open, {s.failed} failed: {streams}" if s else "-",
                f"{s.server_cpu_percent:.0f}%" if s else "-",
                f"{s.rss_after_close_mb:.0f} MB" if s else "-",
            ]
        )
    head = [
        "backend",
        "idle RSS (ingenio serve)",
        "after one offline task",
        "before streams",
        "with streams",
        "server CPU, streams idle",
        "after closing",
    ]
    return _table(head, rows)


def polling_table(run: RunResult) -> list[str]:
    rows = []
    for b in run.backends:
        p = b.polling
        if p is None:
            continue
        finished = ", ".join(f"{n} {s}" for s, n in sorted(p.finished.items())) or "none"
        rows.append(
            [
                b.label,
                f"{p.running} running, {p.clients} clients",
                f"{p.llm_delay:.2f} s",
                f"{p.tasks_per_second:.2f}/s ({finished} in {p.window:.0f} s)",
                f"{p.ideal_per_second:.2f}/s",
                f"{p.polls}",
                f"{p.poll_p50_ms:.1f} / {p.poll_p99_ms:.1f}",
                str(p.poll_errors + p.create_errors),
                f"{p.server_cpu_percent:.0f}%",
            ]
        )
    head = [
        "backend",
        "load",
        "LLM delay per call",
        "tasks finished",
        "LLM-bound ideal",
        "polls",
        "poll p50 / p99 ms",
        "errors",
        "server CPU",
    ]
    return _table(head, rows)


def pipeline_table(run: RunResult) -> list[str]:
    rows = [
        [
            f"{p.target_entities}",
            str(p.entities),
            str(p.score),
            f"{p.cold_s:.2f} s",
            f"{p.median_s:.2f} s",
            f"{max(p.runs_s):.2f} s" if p.runs_s else "-",
            str(len(p.runs_s)),
        ]
        for p in run.pipeline
    ]
    head = [
        "app size",
        "entities (len(spec.models))",
        "quality score",
        "first run (cold)",
        "median",
        "max",
        "runs",
    ]
    return _table(head, rows)


def targets_table(run: RunResult) -> list[str]:
    rows = [[t.name, t.backend, t.measured, "pass" if t.ok else "**MISS**"] for t in judge(run)]
    return _table(["target", "backend", "measured", "result"], rows)


def tables(run: RunResult) -> list[str]:
    """Everything the run prints at the end; the document is these lines plus its preface."""
    busy = statistics.mean(run.busy_during) if run.busy_during else 0.0
    load_max = max(run.load_during) if run.load_during else 0.0
    lines = [
        f"Run: {run.started}, mode {run.mode}, {run.seconds / 60:.1f} min.",
        f"Machine load before the run: {run.busy_before:.0f}% CPU busy (other users), "
        f"load average {run.load_before[0]:.1f} / {run.load_before[1]:.1f} / "
        f"{run.load_before[2]:.1f}. During the run (all processes, ours included): "
        f"{busy:.0f}% busy on average, load average up to {load_max:.1f}.",
        "",
        "### Targets",
        "",
        *targets_table(run),
    ]
    for b in run.backends:
        if b.figures:
            lines += ["", f"### Requests: {b.label}", "", *requests_table(b)]
    lines += ["", "### Memory", "", *memory_table(run)]
    lines += ["", "### 50 tasks running, 200 clients polling every 2 s", "", *polling_table(run)]
    lines += ["", "### Offline pipeline, end to end (with preview)", "", *pipeline_table(run)]
    return lines


def machine_lines(run: RunResult) -> list[str]:
    m = run.machine
    return [
        f"- CPU: {m.cpu}, {m.cores} cores",
        f"- RAM: {m.ram_gb:.1f} GB",
        f"- Kernel: {m.kernel}",
        f"- Python: {m.python}",
        f"- PostgreSQL: {m.postgres or 'unreachable'}; Redis: {m.redis or 'unreachable'}",
        f"- Load generator: {m.load_generator}",
    ]


def document(run: RunResult) -> str:
    lines = [
        "# Performance",
        "",
        "Written by `python -m bench` (the full benchmark); do not edit the tables by hand, run",
        "it again. Every figure is from one run on the machine below, which is shared with other",
        "work: compare the ratios to the bare endpoint measured in the same run, not the raw",
        "requests per second.",
        "",
        "## Machine",
        "",
        *machine_lines(run),
        "",
        "## How it was measured",
        "",
        *run.config_lines,
        "",
        "## Results",
        "",
        *tables(run),
    ]
    if FINDINGS.exists():
        lines += ["", FINDINGS.read_text().rstrip()]
    return "\n".join(lines) + "\n"

"""What one run measured, and the issue's targets judged against it."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from typing import Any, TypeVar

from bench.http_bench import Figure
from bench.load import LoadResult
from bench.machine import Machine
from bench.pipeline_bench import PipelineFigure
from bench.polling import PollFigures
from bench.streams import StreamFigures

PIPELINE_LIMITS = {3: 1.0, 10: 3.0, 30: 8.0}
IDLE_RSS_LIMIT_MB = 150
STREAMS_LIMIT_MB = 100
T = TypeVar("T")


@dataclass
class BackendResult:
    key: str  # "embedded" or "postgres"
    label: str
    seed_seconds: float = 0.0
    figures: dict[str, Figure] = field(default_factory=dict)
    idle_rss_mb: float = 0.0
    idle_rss_after_task_mb: float = 0.0
    streams: StreamFigures | None = None
    polling: PollFigures | None = None

    @property
    def bare_rps(self) -> float:
        return (self.figures["bare_before"].result.rps + self.figures["bare_after"].result.rps) / 2

    @property
    def bare_p99(self) -> float:
        b, a = self.figures["bare_before"].result, self.figures["bare_after"].result
        return (b.p99_ms + a.p99_ms) / 2

    @property
    def bare_cpu_us(self) -> float:
        return (self.figures["bare_before"].cpu_us + self.figures["bare_after"].cpu_us) / 2

    def cpu_ratio(self, key: str) -> float:
        """Bare CPU per request over this one's: the requests/s ratio one idle core would give."""
        cpu = self.figures[key].cpu_us
        return self.bare_cpu_us / cpu if cpu else 0.0

    def ratio(self, key: str) -> float:
        return self.figures[key].result.rps / self.bare_rps if self.bare_rps else 0.0

    def p99_ratio(self, key: str) -> float:
        return self.figures[key].result.p99_ms / self.bare_p99 if self.bare_p99 else 0.0

    def result(self, key: str) -> LoadResult:
        return self.figures[key].result


@dataclass
class RunResult:
    mode: str
    machine: Machine
    started: str
    busy_before: float
    load_before: tuple[float, float, float]
    backends: list[BackendResult] = field(default_factory=list)
    pipeline: list[PipelineFigure] = field(default_factory=list)
    busy_during: list[float] = field(default_factory=list)
    load_during: list[float] = field(default_factory=list)
    seconds: float = 0.0
    config_lines: list[str] = field(default_factory=list)


@dataclass
class Target:
    name: str
    backend: str
    measured: str
    ok: bool


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def judge(run: RunResult) -> list[Target]:
    out: list[Target] = []
    for b in run.backends:
        if not b.figures:
            continue
        hit_floor = 0.60 if b.key == "embedded" else 0.45
        hit = b.ratio("status_hit")
        out.append(
            Target(
                f"status, cache hit >= {_pct(hit_floor)} of bare",
                b.label,
                _pct(hit),
                hit >= hit_floor,
            )
        )
        p99 = b.p99_ratio("status_hit")
        out.append(
            Target("status, cache hit p99 <= 2x bare p99", b.label, f"{p99:.2f}x", p99 <= 2.0)
        )
        if b.key == "postgres":
            miss = b.ratio("status_miss")
            out.append(
                Target("status, cache miss >= 25% of bare", b.label, _pct(miss), miss >= 0.25)
            )
        for key, what in (("list_p1", "list page 1"), ("list_p1_f", "list page 1, filter")):
            r = b.ratio(key)
            out.append(Target(f"{what} >= 15% of bare", b.label, _pct(r), r >= 0.15))
        for deep, first, what in (
            ("heavy_deep", "heavy_p1", "deep page p50 <= 2x page 1 p50"),
            ("heavy_deep_f", "heavy_p1_f", "deep page p50 <= 2x page 1 p50, filter"),
        ):
            x = b.result(deep).p50_ms / max(1e-9, b.result(first).p50_ms)
            out.append(Target(what, b.label, f"{x:.2f}x", x <= 2.0))
        create = b.result("create")
        r = b.ratio("create")
        out.append(
            Target(
                "create >= 20% of bare, zero errors",
                b.label,
                f"{_pct(r)}, {create.error_count} errors",
                r >= 0.20 and create.error_count == 0,
            )
        )
        if b.idle_rss_mb:
            worst = max(b.idle_rss_mb, b.idle_rss_after_task_mb)
            out.append(
                Target(
                    f"idle RSS <= {IDLE_RSS_LIMIT_MB} MB",
                    b.label,
                    f"{b.idle_rss_mb:.0f} MB at start, "
                    f"{b.idle_rss_after_task_mb:.0f} MB after one task",
                    worst <= IDLE_RSS_LIMIT_MB,
                )
            )
        if b.streams is not None:
            s = b.streams
            out.append(
                Target(
                    f"{s.streams} open event streams add <= {STREAMS_LIMIT_MB} MB",
                    b.label,
                    f"+{s.added_mb:.0f} MB ({s.failed} failed)",
                    s.added_mb <= STREAMS_LIMIT_MB and s.failed == 0,
                )
            )
    for p in run.pipeline:
        limit = PIPELINE_LIMITS[p.target_entities]
        out.append(
            Target(
                f"pipeline, {p.target_entities} entities <= {limit:.0f} s",
                "offline",
                f"{p.median_s:.2f} s median ({p.entities} entities)",
                p.median_s <= limit and p.entities == p.target_entities,
            )
        )
    return out


def to_json(run: RunResult) -> str:
    """The run as JSON, with the judged targets: for tools (and the smoke test)."""
    data = asdict(run)
    data["targets"] = [asdict(t) for t in judge(run)]
    return json.dumps(data, indent=1, ensure_ascii=False)


def _build(cls: type[T], data: dict[str, Any], **nested: Any) -> T:
    """``cls`` from ``data``, ignoring keys an older run saved that ``cls`` no longer has."""
    names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
    return cls(**{k: v for k, v in data.items() if k in names and k not in nested}, **nested)


def from_json(text: str) -> RunResult:
    """A run saved by ``to_json``: its document can be written again without measuring again
    (after editing ``bench/findings.md``); the tables come out exactly as the run printed them.
    """
    data = json.loads(text)
    backends = []
    for b in data["backends"]:
        figures = {
            key: _build(Figure, f, result=_build(LoadResult, f["result"]))
            for key, f in b["figures"].items()
        }
        streams = _build(StreamFigures, b["streams"]) if b.get("streams") else None
        polling = _build(PollFigures, b["polling"]) if b.get("polling") else None
        backends.append(_build(BackendResult, b, figures=figures, streams=streams, polling=polling))
    return _build(
        RunResult,
        data,
        machine=_build(Machine, data["machine"]),
        backends=backends,
        pipeline=[_build(PipelineFigure, p) for p in data["pipeline"]],
        load_before=tuple(data["load_before"]),
    )

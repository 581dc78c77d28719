"""``python -m bench``: the whole benchmark; ``--smoke`` for the few-second version CI runs.

Prints progress, then the tables; the full run also writes them to ``docs/performance.md``
(``--out`` elsewhere, ``--out -`` for nowhere). Needs the machine's PostgreSQL and Redis for
the second backend (``--backends embedded`` skips it).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType

from bench import machine
from bench.config import FULL, SMOKE, Config
from bench.dataset import build_docs, plan_dataset
from bench.phases import run_backend
from bench.pipeline_bench import measure_pipeline
from bench.report import document, tables
from bench.results import RunResult, from_json, to_json
from bench.server import ROOT

_T0 = time.monotonic()


def log(message: str) -> None:
    print(f"[{time.monotonic() - _T0:6.1f}s] {message}", flush=True)


def _terminate(signum: int, frame: FrameType | None) -> None:
    # Unwind through the context managers: servers stopped, the scratch database dropped.
    raise SystemExit(128 + signum)


def run(cfg: Config, workdir: Path) -> RunResult:
    started = time.monotonic()
    result = RunResult(
        mode=cfg.mode,
        machine=machine.describe(),
        started=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        busy_before=machine.busy_percent(2.0),
        load_before=os.getloadavg(),
        config_lines=cfg.describe(),
    )
    log(
        f"machine: {result.machine.cpu}, {result.machine.cores} cores; "
        f"{result.busy_before:.0f}% busy before the run"
    )
    watch = machine.LoadWatch().start()
    try:
        log(f"pipeline: sizes {', '.join(map(str, cfg.pipeline_cases))}")
        result.pipeline = measure_pipeline(cfg.pipeline_runs, cfg.pipeline_cases)
        for p in result.pipeline:
            log(f"  {p.entities} entities: cold {p.cold_s:.2f} s, median {p.median_s:.2f} s")
        docs = build_docs(cfg.requirements)
        ds = plan_dataset(cfg.tasks, cfg.users, cfg.heavy_tasks, cfg.documented_share)
        for key in cfg.backends:
            result.backends.append(run_backend(key, cfg, ds, docs, workdir, log))
    finally:
        watch.stop()
    result.busy_during, result.load_during = watch.busy, watch.loads
    result.seconds = time.monotonic() - started
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="a few seconds: CI's check")
    parser.add_argument("--out", help="where to write the report ('-' for nowhere)")
    parser.add_argument(
        "--backends", nargs="+", choices=["embedded", "postgres"], help="default: both"
    )
    parser.add_argument("--workdir", type=Path, help="default: a temporary directory")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    parser.add_argument(
        "--from-json",
        type=Path,
        help="measure nothing: print and write the report of a run saved with --json",
    )
    args = parser.parse_args(argv)
    cfg = SMOKE if args.smoke else FULL
    if args.backends:
        cfg = Config(**{**cfg.__dict__, "backends": tuple(args.backends)})
    out = args.out or ("-" if args.smoke else str(ROOT / "docs" / "performance.md"))
    signal.signal(signal.SIGTERM, _terminate)
    if args.from_json:
        result = from_json(args.from_json.read_text(encoding="utf-8"))
        out = args.out or str(ROOT / "docs" / "performance.md")
    else:
        with tempfile.TemporaryDirectory(prefix="ingenio-bench-") as tmp:
            result = run(cfg, args.workdir or Path(tmp))
    print()
    for line in tables(result):
        print(line)
    if args.json:
        args.json.write_text(to_json(result), encoding="utf-8")
    if out != "-":
        Path(out).write_text(document(result), encoding="utf-8")
        print(f"\nwritten: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

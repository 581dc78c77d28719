"""The offline pipeline end to end (plan, execute, validate, generate with preview).

    python -m bench.pipeline_bench --runs 5     # prints one BENCH_JSON line

Runs in a fresh process, so the first run of the first case pays the one-time loading (the
brain's lexicon, templates) that a server pays once; it is reported apart ("cold"), and the
targets are judged on the median of the runs after it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass

from bench.server import ROOT

CASES = {
    3: "一个系统，管理以下业务对象：客户、订单、商品",
    10: "一个ERP系统，管理客户、供应商、采购单、销售单、仓库、库存、发票、付款、员工、部门",
    30: (
        "为一家中型制造企业开发ERP系统，需要管理以下业务对象：客户、联系人、供应商、商品、商品分类、"
        "采购单、销售单、仓库、库存、入库单、出库单、盘点单、发票、收款单、付款单、报销单、预算、"
        "合同、项目、任务、员工、部门、职位、考勤记录、请假申请、工资、固定资产、车辆、物流运单、"
        "退货单。"
    ),
}


@dataclass
class PipelineFigure:
    target_entities: int
    entities: int
    score: int
    cold_s: float
    runs_s: list[float]

    @property
    def median_s(self) -> float:
        return statistics.median(self.runs_s) if self.runs_s else self.cold_s


async def _measure(runs: int, cases: list[int]) -> list[dict[str, object]]:
    from ingenio.pipeline.brains.offline import OfflineBrain
    from ingenio.pipeline.request import GenerationRequest
    from ingenio.pipeline.run import run_pipeline

    brain, out = OfflineBrain(), []
    for target in cases:
        requirement = CASES[target]
        times, entities, score = [], 0, 0
        for _ in range(runs + 1):
            started = time.perf_counter()
            result = await run_pipeline(
                GenerationRequest(requirement, generate_preview=True), brain
            )
            times.append(time.perf_counter() - started)
            entities, score = len(result.app_spec.models), result.report.quality_score
        out.append({"target": target, "entities": entities, "score": score, "times": times})
    return out


def measure_pipeline(runs: int, cases: tuple[int, ...]) -> list[PipelineFigure]:
    cmd = [sys.executable, "-m", "bench.pipeline_bench", "--runs", str(runs)]
    proc = subprocess.run(
        [*cmd, "--cases", *map(str, cases)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("BENCH_JSON ")), None)
    if proc.returncode != 0 or line is None:
        raise RuntimeError(f"pipeline benchmark failed:\n{proc.stdout}\n{proc.stderr}")
    return [
        PipelineFigure(
            int(d["target"]), int(d["entities"]), int(d["score"]), d["times"][0], d["times"][1:]
        )
        for d in json.loads(line.removeprefix("BENCH_JSON "))
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cases", type=int, nargs="+", default=list(CASES))
    args = parser.parse_args()
    print("BENCH_JSON " + json.dumps(asyncio.run(_measure(args.runs, args.cases))), flush=True)


if __name__ == "__main__":
    main()

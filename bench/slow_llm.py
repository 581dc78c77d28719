"""A slow LLM in a process of its own: ``FakeLLM`` answering every call after ``--delay`` s.

    python -m bench.slow_llm --delay 1.0     # prints the base URL, serves until stdin closes

The replies are the fake's "smart" ones (valid plan, AppSpec and review JSON), so tasks run the
whole pipeline; the delay stands in for a provider's latency.
"""

from __future__ import annotations

import argparse
import sys

from ingenio.testing.fake_llm import FakeLLM, Reply


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--delay", type=float, required=True)
    args = parser.parse_args()
    with FakeLLM(default=Reply.smart().delayed(args.delay)) as fake:
        print(fake.base_url, flush=True)
        sys.stdin.read()


if __name__ == "__main__":
    main()

"""make_brain: the offline brain by default, the LLM brain when configured, bad configs refused."""

from __future__ import annotations

import pytest

from ingenio.config import BrainKind, ConfigError, LLMSettings
from ingenio.pipeline.brains.base import BrainContext
from ingenio.pipeline.brains.factory import close_brain, make_brain
from ingenio.pipeline.brains.llm import LLMBrain
from ingenio.testing.fake_llm import FakeLLM, SmartSource


def _llm_settings(**values: object) -> LLMSettings:
    # INGENIO_BRAIN is an alias the constructor does not take by field name.
    return LLMSettings(**values).model_copy(update={"brain": BrainKind.LLM})  # type: ignore[arg-type]


async def test_the_default_is_the_offline_brain() -> None:
    brain = make_brain(LLMSettings())
    assert brain.name == "offline"
    reply = await brain.plan("做一个待办事项应用", BrainContext())
    assert reply.usage.total_tokens == 0
    await close_brain(brain)  # nothing to close: a no-op


def test_cloud_providers_need_a_key_and_unknown_ones_a_base_url() -> None:
    with pytest.raises(ConfigError, match="INGENIO_LLM_API_KEY"):
        make_brain(_llm_settings(provider="deepseek"))
    with pytest.raises(ConfigError, match="INGENIO_LLM_BASE_URL"):
        make_brain(_llm_settings(provider="my-gateway"))


async def test_local_servers_need_no_key() -> None:
    brain = make_brain(_llm_settings(provider="ollama"))
    assert isinstance(brain, LLMBrain)
    await close_brain(brain)


async def test_the_llm_setting_builds_a_working_llm_brain() -> None:
    with FakeLLM(smart_source=SmartSource.FIXTURES) as fake:
        brain = make_brain(fake.settings())
        try:
            assert isinstance(brain, LLMBrain)
            assert brain.name == "llm"
            reply = await brain.plan("做一个校园二手交易平台", BrainContext())
            assert reply.value.app_name == "CampusMarketplace"
        finally:
            await close_brain(brain)

"""The offline brain: a bilingual lexicon and app-family templates, no model and no network."""

from ingenio.pipeline.brains.offline.brain import OfflineBrain

__all__ = ["OfflineBrain"]

"""Test helpers shipped with the package, for this project's tests, benchmarks and other tools.

``fake_llm``: a scripted OpenAI-compatible chat server on 127.0.0.1.
"""

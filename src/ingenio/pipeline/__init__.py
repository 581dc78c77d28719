"""The generation pipeline: plan -> execute -> validate -> generate.

Imports neither FastAPI nor SQLAlchemy, so the CLI, the service and tests share it as a library.
"""

"""The ``ingenio`` command: thin typer commands that call the services."""

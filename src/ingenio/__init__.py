"""ingenio: natural-language requirement in, generated application out."""

__version__ = "0.1.0"

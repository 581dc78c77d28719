"""Where tasks run: the in-process pool (default) or distributed workers."""

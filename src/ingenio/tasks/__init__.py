"""Generation tasks: the contract's four endpoints, their storage, cache and execution."""

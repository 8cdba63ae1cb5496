"""Use cases: load through repositories, call the domain, persist, audit. Flush, never commit."""

"""Shipped data packs: frameworks, instruments, published tables. Each number carries its source."""

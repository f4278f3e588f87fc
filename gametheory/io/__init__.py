"""Reading and writing games (filled in as modules land)."""

"""Pipeline stage: archive."""

"""Pipeline stage: sources."""

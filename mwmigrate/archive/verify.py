"""Archive stage: check an archive the way a reader will trust it.

Recomputes every file's sha256 against the manifest, finds files the manifest does not list, and
validates every JSON record against the published schemas shipped in ``archive/schema/``.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from mwmigrate.archive.writer import sha256_file

RECORD_SCHEMAS = {
    "records/posts.jsonl": "post", "records/comments.jsonl": "comment",
    "records/media.jsonl": "media", "records/terms.jsonl": "term",
    "records/authors.jsonl": "author", "records/menus.jsonl": "menu",
}
DOCUMENT_SCHEMAS = {"records/site.json": "site", "manifest.json": "manifest"}


@lru_cache(maxsize=1)
def _registry() -> tuple[Registry, dict[str, dict[str, Any]]]:
    schemas: dict[str, dict[str, Any]] = {}
    for entry in resources.files("mwmigrate.archive").joinpath("schema").iterdir():
        if entry.name.endswith(".schema.json"):
            schemas[entry.name.removesuffix(".schema.json")] = json.loads(entry.read_text("utf-8"))
    registry: Registry = Registry().with_resources(
        (s["$id"], Resource.from_contents(s)) for s in schemas.values()
    )
    return registry, schemas


@lru_cache(maxsize=None)
def validator(name: str) -> Draft202012Validator:
    """The validator for one record kind ("post", "site", "manifest"...)."""
    registry, schemas = _registry()
    return Draft202012Validator(schemas[name], registry=registry)


def schema_errors(name: str, record: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path)) or '(record)'}: {e.message}"
            for e in validator(name).iter_errors(record)]


def verify_archive(root: str | Path) -> list[str]:
    """Every problem found in the archive at ``root``; an empty list means it is sound."""
    root = Path(root)
    problems: list[str] = []
    manifest_path = root / "manifest.json"
    if not manifest_path.is_file():
        return [f"{root}: no manifest.json; not an mwmigrate archive, or an unfinished one"]
    manifest = json.loads(manifest_path.read_text("utf-8"))
    problems += [f"manifest.json: {p}" for p in schema_errors("manifest", manifest)]
    listed: dict[str, str] = manifest.get("files", {})
    present = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
    for rel in sorted(present - set(listed) - {"manifest.json"}):
        problems.append(f"{rel}: not listed in the manifest")
    for rel, digest in sorted(listed.items()):
        path = root / rel
        if not path.is_file():
            problems.append(f"{rel}: listed in the manifest but missing")
        elif sha256_file(path) != digest:
            problems.append(f"{rel}: sha256 differs from the manifest (changed or corrupt)")
    for rel, name in RECORD_SCHEMAS.items():
        path = root / rel
        if path.is_file():
            problems += _check_jsonl(path, rel, name, root)
    for rel, name in DOCUMENT_SCHEMAS.items():
        if rel != "manifest.json" and (root / rel).is_file():
            doc = json.loads((root / rel).read_text("utf-8"))
            problems += [f"{rel}: {p}" for p in schema_errors(name, doc)]
    return problems


def _check_jsonl(path: Path, rel: str, name: str, root: Path) -> list[str]:
    problems = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            try:
                record = json.loads(line, parse_constant=_not_json)
            except json.JSONDecodeError as exc:
                problems.append(f"{rel}:{n}: not JSON ({exc.msg})")
                continue
            except ValueError as exc:  # (Python reads NaN and Infinity; JSON has no such numbers)
                problems.append(f"{rel}:{n}: not JSON ({exc})")
                continue
            problems += [f"{rel}:{n}: {p}" for p in schema_errors(name, record)]
            if name == "post" and record.get("path") and not (root / record["path"]).is_file():
                problems.append(f"{rel}:{n}: its Markdown file {record['path']} is missing")
    return problems


def _not_json(name: str) -> Any:
    raise ValueError(f"{name} is no JSON number: strict readers (jq, JSON.parse) refuse the line")

"""An export in several files: WP-CLI's `wp export` splits a site into files of 15 MB, each
with the whole channel header (site, authors, terms) and some of the items; WordPress.com hands
its export over as a .zip of such files. Migrated, they give the archive the one file gives;
only the manifest's source differs, listing each part."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from mwmigrate.errors import WXRError
from mwmigrate.migrate import MigrateOptions, migrate_wxr
from tests.conftest import WXR_DIR

UNIT = WXR_DIR / "themeunittestdata.wordpress.xml"
MWMIGRATE = str(Path(sys.executable).with_name("mwmigrate"))


def split(source: Path, folder: Path, parts: int) -> list[Path]:
    """The export cut as WP-CLI cuts it (written here, independently of the code under test)."""
    text = source.read_text(encoding="utf-8")
    first, last = text.index("<item>"), text.rindex("</item>") + len("</item>")
    header, footer = text[:first], text[last:]
    items = re.findall(r"<item>.*?</item>", text[first:last], flags=re.DOTALL)
    size = -(-len(items) // parts)
    paths = []
    for n in range(parts):
        path = folder / f"site.wordpress.{n:03d}.xml"
        path.write_text(header + "\n".join(items[n * size:(n + 1) * size]) + footer, encoding="utf-8")
        paths.append(path)
    return paths


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def single(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("single") / "out"
    migrate_wxr(UNIT, out, MigrateOptions(progress=False))
    return out


@pytest.mark.parametrize("workers", [1, 2])
def test_split_files_give_the_single_files_archive(tmp_path: Path, single: Path, workers: int) -> None:
    paths = split(UNIT, tmp_path, 3)
    out = tmp_path / "out"
    migrate_wxr(paths, out, MigrateOptions(progress=False, workers=workers))
    got, want = files(out), files(single)
    got_manifest, want_manifest = json.loads(got.pop("manifest.json")), json.loads(want.pop("manifest.json"))
    assert got == want  # every Markdown file and record, byte for byte
    source = got_manifest.pop("source")
    want_manifest.pop("source")
    assert got_manifest == want_manifest  # counts, warnings, skipped...
    assert source["name"] == " + ".join(p.name for p in paths)
    assert source["parts"] == [{"name": p.name, "size": p.stat().st_size,
                                "sha256": hashlib.sha256(p.read_bytes()).hexdigest()} for p in paths]


def test_a_zip_of_the_parts(tmp_path: Path, single: Path) -> None:
    paths = split(UNIT, tmp_path, 2)
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        for p in reversed(paths):  # stored out of order: read in name order
            z.write(p, p.name)
        z.writestr("__MACOSX/._" + paths[0].name, b"\x00\x05\x16\x07")  # macOS junk
        z.writestr("README.txt", "not an export")
    out = tmp_path / "out"
    run = subprocess.run([MWMIGRATE, "migrate", str(archive), "--out", str(out), "-q"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    got, want = files(out), files(single)
    manifest = json.loads(got.pop("manifest.json"))
    want.pop("manifest.json")
    assert got == want
    assert [(p["name"], p["zip"]) for p in manifest["source"]["parts"]] == [
        (paths[0].name, "export.zip"), (paths[1].name, "export.zip")]


def test_a_zip_without_an_export_is_refused_clearly(tmp_path: Path) -> None:
    archive = tmp_path / "photos.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("a.jpg", b"\xff\xd8")
    run = subprocess.run([MWMIGRATE, "migrate", str(archive), "--out", str(tmp_path / "out")],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 3
    assert "photos.zip: the zip holds no .xml file" in run.stderr and "Traceback" not in run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["photos.zip"]


def test_a_broken_part_is_named_with_its_zip(tmp_path: Path) -> None:
    paths = split(UNIT, tmp_path, 2)
    broken = paths[1].read_text(encoding="utf-8")
    paths[1].write_text(broken[: len(broken) // 2], encoding="utf-8")  # cut mid-file
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for p in paths:
            z.write(p, p.name)
    with pytest.raises(WXRError, match=re.escape(f"{archive}:{paths[1].name}:")):
        migrate_wxr(archive, tmp_path / "out", MigrateOptions(progress=False))
    assert not (tmp_path / "out").exists()


def test_a_url_is_migrated_on_its_own(tmp_path: Path) -> None:
    run = subprocess.run([MWMIGRATE, "migrate", "https://example.org/", str(UNIT)],
                         capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert run.returncode == 2 and "a site URL is migrated on its own" in run.stderr


def test_the_same_file_twice_is_refused(tmp_path: Path) -> None:
    run = subprocess.run([MWMIGRATE, "migrate", str(UNIT), str(UNIT), "--out", str(tmp_path / "out")],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 3 and "given twice" in run.stderr and "Traceback" not in run.stderr


def test_a_zip_and_its_own_xml_keep_each_item_once(tmp_path: Path, single: Path) -> None:
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(UNIT, UNIT.name)
    out = tmp_path / "out"
    result = migrate_wxr([archive, UNIT], out, MigrateOptions(progress=False))
    got, want = files(out), files(single)
    got.pop("manifest.json"), want.pop("manifest.json")
    assert got == want
    skipped = [w for w in result.warnings if "items skipped" in w]
    assert len(skipped) == 1 and skipped[0].startswith(f"{UNIT}: ")


def test_parts_of_two_sites_are_refused(tmp_path: Path) -> None:
    with pytest.raises(WXRError, match="comes from another site"):
        migrate_wxr([UNIT, WXR_DIR / "theme-preview.xml"], tmp_path / "out",
                    MigrateOptions(progress=False))
    assert not (tmp_path / "out").exists()


def test_zip_members_in_natural_order(tmp_path: Path) -> None:
    paths = split(UNIT, tmp_path, 2)
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(paths[1], "site.10.xml")
        z.write(paths[0], "site.2.xml")
    out = tmp_path / "out"
    migrate_wxr(archive, out, MigrateOptions(progress=False))
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [p["name"] for p in manifest["source"]["parts"]] == ["site.2.xml", "site.10.xml"]


def test_a_damaged_zip_is_a_clear_input_error(tmp_path: Path) -> None:
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(UNIT, UNIT.name)
    data = bytearray(archive.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 64] = bytes(64)  # the compressed stream broken in the middle
    archive.write_bytes(bytes(data))
    run = subprocess.run([MWMIGRATE, "migrate", str(archive), "--out", str(tmp_path / "out")],
                         capture_output=True, text=True, timeout=120)
    # (the broken stream is read as broken XML, or zlib or the CRC check stops it first)
    assert run.returncode == 3, run.stderr
    assert f"{archive}:{UNIT.name}" in run.stderr or "the zip is damaged" in run.stderr
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr


def test_an_export_is_not_taken_for_a_zip(tmp_path: Path) -> None:
    # the end of a zip's central directory (PK\x05\x06) in the last bytes of an XML export
    text = UNIT.read_bytes()
    odd = tmp_path / "odd.xml"
    odd.write_bytes(text + b"<!-- PK\x05\x06 -->\n")
    run = subprocess.run([MWMIGRATE, "migrate", str(odd), "--out", str(tmp_path / "out"),
                          "--recover", "-q"], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr


def test_a_bad_crc_is_a_clear_input_error(tmp_path: Path) -> None:
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as z:
        z.write(UNIT, UNIT.name)
    data = bytearray(archive.read_bytes())
    at = data.index(b"Theme Unit Test Data")  # stored: change a letter of the XML itself
    data[at] = ord("X")
    archive.write_bytes(bytes(data))
    run = subprocess.run([MWMIGRATE, "migrate", str(archive), "--out", str(tmp_path / "out")],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 3, run.stderr
    assert "the zip is damaged" in run.stderr and "CRC" in run.stderr
    assert not (tmp_path / "out").exists()

"""A post whose body is empty while its meta holds the page (a page builder's own data, or the
text fields of Advanced Custom Fields that the theme printed) says so; others say nothing."""

from __future__ import annotations

import json
from pathlib import Path

from mwmigrate.convert.builders import content_elsewhere
from mwmigrate.migrate import MigrateOptions, migrate_wxr

ACF = {
    "_wp_page_template": "templates/flexible.php",
    "hero_title": "Legal services for families",
    "_hero_title": "field_5f1a2b3c4d5e6",
    "sections": ["text_block"],  # a flexible content field: its layouts, decoded from PHP
    "_sections": "field_5f1a2b3c4d5e8",
    "sections_0_text": "<p>We handle <strong>wills</strong> and probate.</p>",
    "_sections_0_text": "field_5f1a2b3c4d5e7",
    "hero_image": "1474",  # an attachment id: no text
    "_hero_image": "field_5f1a2b3c4d5e9",
    "_yoast_wpseo_title": "Services",
    "plain_custom_field": "not ACF's: no field key beside it",
}


def test_acf_text_fields_are_named() -> None:
    note = content_elsewhere(ACF)
    assert "2 custom fields of Advanced Custom Fields" in note
    assert "(hero_title, sections_0_text)" in note
    assert "record's meta" in note


def test_a_page_builders_data_is_named() -> None:
    note = content_elsewhere({"_elementor_edit_mode": "builder", "_elementor_data": '[{"id":"1"}]'})
    assert "Elementor's data (_elementor_data)" in note
    assert "Oxygen" in content_elsewhere({"ct_builder_shortcodes": "[ct_section]...[/ct_section]"})


def test_nothing_to_say_without_such_meta() -> None:
    assert content_elsewhere({}) == ""
    assert content_elsewhere({"plain_custom_field": "text", "_thumbnail": "5"}) == ""
    assert content_elsewhere({"_elementor_data": ""}) == ""  # empty data: nothing is there
    # ACF fields holding no text (ids, numbers): nothing the Markdown lacks
    assert content_elsewhere({"hero_image": "1474", "_hero_image": "field_abc"}) == ""


def test_long_lists_are_cut() -> None:
    meta = {}
    for n in range(8):
        meta[f"f{n}"] = f"text {n}"
        meta[f"_f{n}"] = f"field_{n:013x}"
    assert "8 custom fields" in content_elsewhere(meta)
    assert "(f0, f1, f2, f3, f4 and 3 more)" in content_elsewhere(meta)


def _item(wp_id: int, body: str, meta: dict[str, str]) -> str:
    metas = "".join(f"<wp:postmeta><wp:meta_key>{k}</wp:meta_key>"
                    f"<wp:meta_value><![CDATA[{v}]]></wp:meta_value></wp:postmeta>"
                    for k, v in meta.items())
    return (f"<item><title>Page {wp_id}</title><link>https://acf.example/p{wp_id}/</link>"
            f"<content:encoded><![CDATA[{body}]]></content:encoded><wp:post_id>{wp_id}</wp:post_id>"
            "<wp:post_date>2023-01-01 10:00:00</wp:post_date>"
            "<wp:post_date_gmt>2023-01-01 10:00:00</wp:post_date_gmt>"
            f"<wp:post_name>p{wp_id}</wp:post_name><wp:status>publish</wp:status>"
            f"<wp:post_type>page</wp:post_type>{metas}</item>")


def test_the_migration_warns_only_where_the_body_is_empty(tmp_path: Path) -> None:
    fields = {k: v for k, v in ACF.items() if isinstance(v, str)}
    export = tmp_path / "acf.xml"
    export.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>ACF</title>'
        "<link>https://acf.example</link><wp:wxr_version>1.2</wp:wxr_version>"
        + _item(20, "", fields) + _item(21, "<p>A body of its own.</p>", fields)
        + _item(22, "  \n", {"_elementor_data": '[{"elType":"section"}]'})
        + "</channel></rss>\n", encoding="utf-8")
    out = tmp_path / "out"
    migrate_wxr(export, out, MigrateOptions(progress=False))
    records = {r["wp_id"]: r for r in map(json.loads, (out / "records/posts.jsonl").open())}
    assert any("Advanced Custom Fields" in w for w in records[20]["warnings"])
    assert records[20]["meta"]["sections_0_text"].startswith("<p>We handle")  # kept
    assert not any("body is empty" in w for w in records[21]["warnings"])
    assert any("Elementor" in w for w in records[22]["warnings"])

"""SEO plugins' postmeta -> model.Seo (sources.seo, profiles/seo.toml)."""

from __future__ import annotations

import pytest

from mwmigrate.sources.seo import SeoContext, load_plugins, seo_from_meta

CTX = SeoContext(title="Visa news", site_name="Morgan Wiseman", site_description="Solicitors",
                 excerpt="Short.", category="Immigration", date="May 25, 2019", year="2019",
                 author="MW Team")


def test_yoast_title_description_and_flags() -> None:
    seo, warnings = seo_from_meta({
        "_yoast_wpseo_title": "%%title%% %%sep%% %%sitename%%",
        "_yoast_wpseo_metadesc": "Our %%category%% team on %%date%%.",
        "_yoast_wpseo_canonical": "https://example.org/canonical/",
        "_yoast_wpseo_meta-robots-noindex": "1",
        "_yoast_wpseo_primary_category": "6",
    }, CTX)
    assert seo is not None and warnings == []
    assert (seo.plugin, seo.title, seo.description, seo.canonical, seo.noindex) == (
        "Yoast SEO", "Visa news - Morgan Wiseman", "Our Immigration team on May 25, 2019.",
        "https://example.org/canonical/", True)


def test_other_plugins_and_their_variable_syntax() -> None:
    seo, _ = seo_from_meta({"rank_math_description": "%title% by %name% (%currentyear%)",
                            "rank_math_robots": ["noindex", "nofollow"]}, CTX)
    assert (seo.plugin, seo.description, seo.noindex) == ("Rank Math", "Visa news by MW Team (2019)", True)
    seo, _ = seo_from_meta({"_aioseo_title": "#post_title #separator_sa #site_title"}, CTX)
    assert (seo.plugin, seo.title) == ("All in One SEO", "Visa news - Morgan Wiseman")
    seo, _ = seo_from_meta({"_seopress_titles_desc": "%%post_excerpt%% %%tagline%%",
                            "_seopress_robots_index": "yes"}, CTX)
    assert (seo.plugin, seo.description, seo.noindex) == ("SEOPress", "Short. Solicitors", True)
    seo, _ = seo_from_meta({"_genesis_description": "Plain 100% text, no variables."}, CTX)
    assert (seo.plugin, seo.description) == ("The SEO Framework", "Plain 100% text, no variables.")


def test_unknown_variables_are_left_out_and_said() -> None:
    seo, warnings = seo_from_meta({"_yoast_wpseo_metadesc": "Call %%ct_phone%% today"}, CTX)
    assert seo.description == "Call today"
    assert warnings == ["Yoast SEO template variable %%ct_phone%% not known: left out of the SEO text"]


def test_no_seo_meta_or_only_empty_values() -> None:
    assert seo_from_meta({}, CTX) == (None, [])
    assert seo_from_meta({"other": "x"}, CTX) == (None, [])
    assert seo_from_meta({"_yoast_wpseo_metadesc": "  ", "_yoast_wpseo_meta-robots-noindex": "0"}, CTX) == (None, [])
    # A repeated key: the first value, as get_post_meta(..., true) takes it.
    seo, _ = seo_from_meta({"_yoast_wpseo_metadesc": ["First", "Second"]}, CTX)
    assert seo.description == "First"


def test_profiles_are_checked() -> None:
    with pytest.raises(ValueError, match="unknown syntax"):
        load_plugins('[[plugin]]\nname = "X"\nsyntax = "{{name}}"\n')
    with pytest.raises(ValueError, match="unknown variable values"):
        load_plugins('[[plugin]]\nname = "X"\nsyntax = "%name%"\n[plugin.variables]\na = "weather"\n')


def test_aioseo_keeps_hashtags_that_are_not_its_tags() -> None:
    seo, warnings = seo_from_meta({"_aioseo_description": "Our #1 guide to #python, #post_title"}, CTX)
    assert seo.description == "Our #1 guide to #python, Visa news" and warnings == []

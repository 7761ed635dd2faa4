"""Front matter YAML: read back to the same values, and readable in an editor (characters beyond
the Basic Multilingual Plane written as they are, not as libyaml's \\U escapes)."""

from __future__ import annotations

import yaml
from hypothesis import given
from hypothesis import strategies as st

from mwmigrate.archive.records import markdown_document


def _front(doc: str) -> str:
    assert doc.startswith("---\n")
    return doc[4:doc.index("\n---\n", 4) + 1]


def test_emoji_and_math_letters_are_written_as_they_are() -> None:
    fm = {"title": '"The Road Not Taken" by Robert Frost \U0001F332',
          "slug": "hello-world-utf8-\U0001F4AB-test", "summary": "\U0001D4E3\U0001D4EE\U0001D4FC\U0001D4FD 🎉"}
    doc = markdown_document(fm, "Body")
    head = _front(doc)
    assert "\\U" not in head
    assert "🌲" in head and "hello-world-utf8-💫-test" in head and "𝓣𝓮𝓼𝓽 🎉" in head
    assert yaml.safe_load(head) == fm
    assert doc.endswith("---\n\nBody\n")


def test_a_literal_backslash_u_in_a_value_is_kept() -> None:
    fm = {"title": r"C:\Users\U0001F332 is a path, not an emoji", "tags": [r"a\U0001F600b", "🎉"]}
    head = _front(markdown_document(fm, ""))
    assert yaml.safe_load(head) == fm


def test_values_without_such_characters_keep_libyamls_form() -> None:
    fm = {"title": "Café: a \"quoted\" word", "summary": "two\nlines", "n": 3}
    head = _front(markdown_document(fm, ""))
    assert head == 'title: \'Café: a "quoted" word\'\nsummary: |-\n  two\n  lines\nn: 3\n'
    assert yaml.safe_load(head) == fm


@given(st.dictionaries(st.sampled_from(["title", "slug", "summary", "author"]),
                       st.text(), max_size=4))
def test_front_matter_reads_back_to_the_same_values(fm: dict[str, str]) -> None:
    head = _front(markdown_document(fm, "x")) if fm else ""
    assert (yaml.safe_load(head) or {}) == fm


def test_no_empty_slug_for_a_post_without_one() -> None:
    # A draft never published has no post_name; "slug: ''" would give Jekyll's page.slug ""
    # (its own slug, from the file name, is kept only when the front matter gives none).
    from mwmigrate.archive.records import front_matter
    from mwmigrate.model import Post

    draft = Post(wp_id=11, type="post", status="draft", slug="", title="Draft")
    for flavour in ("hugo", "jekyll"):
        fm = front_matter(draft, flavour=flavour, permalink="/posts/draft/", author_name="",
                          summary="")
        assert "slug" not in fm and fm["draft"] is True
    named = Post(wp_id=12, type="post", status="publish", slug="hello", title="Hello")
    assert front_matter(named, flavour="hugo", permalink="/hello/", author_name="",
                        summary="")["slug"] == "hello"


def test_a_value_starting_with_a_colon_is_quoted() -> None:
    # Jekyll (Psych) reads a plain ":) Thanks" as a Ruby Symbol, refuses the file, and the post is
    # left out of the site (checked by hand with jekyll 4.3.1: quoted, both posts built).
    fm = {"title": ":) Thanks 🎉", "summary": "::before and ::after", "tags": [":x"], "n": "a:b"}
    head = _front(markdown_document(fm, ""))
    assert head == "title: ':) Thanks 🎉'\nsummary: '::before and ::after'\ntags:\n- ':x'\nn: a:b\n"
    assert yaml.safe_load(head) == fm

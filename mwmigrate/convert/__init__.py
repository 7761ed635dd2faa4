"""Pipeline stage: convert. Raw post_content -> rendered HTML (as WordPress would) -> Markdown.

Pure functions over strings: ``render_content`` (wpautop, shortcodes, blocks) and
``html_to_markdown`` (a markdownify subclass, one method per tag).
"""

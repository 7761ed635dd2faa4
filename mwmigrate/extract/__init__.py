"""Pipeline stage: extract. Rendered HTML pages -> model objects (Page, Post, widgets, menus, organisation).

Pure functions over HTML: no network, no disk except reading selector profiles. Entry point:
:func:`extract_page`; site-specific selectors via :func:`load_profiles`.
"""

from mwmigrate.extract.page import extract_page
from mwmigrate.extract.profiles import ProfileError, ProfileSet, load_profile, load_profiles

__all__ = ["extract_page", "load_profiles", "load_profile", "ProfileSet", "ProfileError"]

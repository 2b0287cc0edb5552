"""Slugs for article titles."""


def slugify(title):
    """Lower-case words joined by hyphens."""
    return title.lower().replace(" ", "-")

import unittest

from textkit.slug import slugify


class HiddenSlugTests(unittest.TestCase):
    def test_scenarios(self):
        self.assertEqual(slugify("Hello, World!"), "hello-world")
        self.assertEqual(slugify("Many   small  steps"), "many-small-steps")

    def test_edges(self):
        self.assertEqual(slugify("  Trailing blanks  "), "trailing-blanks")
        self.assertEqual(slugify("C# & .NET"), "c-net")
        self.assertEqual(slugify("Release notes"), "release-notes")

import unittest

from textkit.slug import slugify


class ExistingTests(unittest.TestCase):
    def test_a_plain_title(self):
        self.assertEqual(slugify("Release notes"), "release-notes")

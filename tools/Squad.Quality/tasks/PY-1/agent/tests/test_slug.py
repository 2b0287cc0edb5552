import unittest

from textkit.slug import slugify


class SlugTests(unittest.TestCase):
    def test_punctuation_is_dropped(self):
        self.assertEqual(slugify("Hello, World!"), "hello-world")

    def test_repeated_blanks_give_one_hyphen(self):
        self.assertEqual(slugify("Many   small  steps"), "many-small-steps")

import unittest

from money.cents import to_cents


class ExistingTests(unittest.TestCase):
    def test_whole_units(self):
        self.assertEqual(to_cents(3.0), 300)

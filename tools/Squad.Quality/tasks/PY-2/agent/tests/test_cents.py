import unittest

from money.cents import to_cents


class CentsTests(unittest.TestCase):
    def test_an_amount_converts_to_the_nearest_cent(self):
        self.assertEqual(to_cents(0.29), 29)

    def test_a_larger_amount_converts_exactly(self):
        self.assertEqual(to_cents(19.99), 1999)

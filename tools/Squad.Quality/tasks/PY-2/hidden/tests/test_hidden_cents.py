import unittest

from money.cents import to_cents


class HiddenCentsTests(unittest.TestCase):
    def test_scenarios(self):
        self.assertEqual(to_cents(0.29), 29)
        self.assertEqual(to_cents(19.99), 1999)

    def test_half_cents_round_away_from_zero(self):
        self.assertEqual(to_cents(0.125), 13)
        self.assertEqual(to_cents(-0.125), -13)
        self.assertEqual(to_cents(2.675), 268)

"""Amounts in cents."""


def to_cents(amount):
    """The amount, a float of currency units, in whole cents."""
    return int(amount * 100)

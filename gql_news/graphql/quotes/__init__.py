"""Quotes: direct quotations in article bodies and who said them."""

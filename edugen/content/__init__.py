"""Verified practice content: mathematical cores the language model only dresses up."""

"""The seeded generator of the clearly labelled, synthetic demo organisations."""

"""Serving generated artifacts: signed links, and authenticated shortcuts to them."""

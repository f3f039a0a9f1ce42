"""Notifications: the in-app inbox and e-mail. Every subsystem sends through `services.notify`."""

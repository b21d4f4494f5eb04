"""One module per section of the HR window; each defines a :class:`~.base.Panel`."""

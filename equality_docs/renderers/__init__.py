"""Renderers: context in, document bytes out. They never see the model."""

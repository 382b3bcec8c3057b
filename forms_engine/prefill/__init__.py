"""Prefill plugins: "never ask what the municipality already knows"."""

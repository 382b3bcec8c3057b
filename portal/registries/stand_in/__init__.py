"""Stand-in base registries (BRP, BAG, travel documents, WOZ) served over Haal Centraal-style HTTP APIs.
Installed and mounted only in dev and test settings; a municipality points the clients at the real APIs."""

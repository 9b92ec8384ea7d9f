"""Data processing agreements: generating them from the registry, and checking any DPA for Art. 28 content."""

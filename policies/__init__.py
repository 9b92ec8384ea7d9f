"""Reading partners' privacy policies and vendor lists into proposals for the registry."""

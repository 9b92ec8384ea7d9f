"""The text toolkit shared by every reader of real-world text; it knows nothing of the registry or of Slack."""

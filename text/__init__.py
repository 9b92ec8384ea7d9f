"""The shared text layer: turning the documents people send (DPAs, privacy policies, vendor lists, inquiries) into
text. It knows nothing of the registry or of Slack."""

"""The text toolkit shared by every reader of real-world text: turning the files people send (DPAs, privacy
policies, vendor lists, inquiries) into text, the patterns that read it, its language and its sentences. It knows
nothing of the registry or of Slack."""

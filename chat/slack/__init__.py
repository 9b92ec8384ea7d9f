"""The Slack adapter: Bolt listeners that turn Slack requests into commands and Replies into Block Kit."""

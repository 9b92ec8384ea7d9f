"""The command layer and its adapters. Importing it registers every command of the grammar, in help order."""

# isort: off
from chat import cmd_parties, cmd_relations, cmd_queries, cmd_review, cmd_law, cmd_dpa, cmd_import, cmd_inquiries  # noqa: F401  (registration by import)
from chat import cmd_undo, cmd_breaches  # noqa: F401  (registration by import)

# isort: on
from chat.commands import TABLE, Context, Services, dispatch

__all__ = ["TABLE", "Context", "Services", "dispatch"]

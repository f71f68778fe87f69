"""The full-screen app (Textual). Only this package and cli/app_cmd.py import textual."""

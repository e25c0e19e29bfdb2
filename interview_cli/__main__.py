"""``python -m interview_cli`` runs the same program as ``prep``."""

from interview_cli.cli.app import script

if __name__ == "__main__":
    script()

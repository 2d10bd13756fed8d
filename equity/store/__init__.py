"""What is kept on this machine between sessions: the workspace, its records, saved data, archives."""

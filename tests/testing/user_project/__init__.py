"""A user's project, copied into a temporary folder and run by pytest in a subprocess."""

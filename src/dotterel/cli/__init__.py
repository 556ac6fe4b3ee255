"""The ``dotterel`` command line: thin Typer commands over plain functions."""

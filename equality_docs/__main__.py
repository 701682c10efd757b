"""Run the command line: `python -m equality_docs`."""

from equality_docs.cli import main

main()

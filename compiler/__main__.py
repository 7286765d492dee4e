"""`python -m compiler` runs the printpack command line."""

from compiler.cli import main

main()

"""The CLI's subcommands, one module per group, so checker/cli.py stays a thin parser and dispatcher."""

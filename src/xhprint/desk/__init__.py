"""The editor's desk on the command line (issue 12): `stories` (what each story needs)
and `new` (a starter issue); `serve` lives in xhprint.serve. cli.py names the commands,
desk/cli.py parses and dispatches them."""

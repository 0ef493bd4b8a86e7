"""Template pages ("blueprints"): their schema, the check every build runs, and the tables
generated from their front matter. Plain functions, no MkDocs imports, so the command line
(`make check`), the tests and the MkDocs hook all run the same code."""

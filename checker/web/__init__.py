"""`oitcheck serve`: a small web application on the job layer, for clerks who never open a terminal.

A form takes an agency's URL; the check runs as a job (checker/jobs/run.py, as under the CLI and the batch
engines); the page follows its progress and then shows the same HTML report `check` writes, with a permanent
link, a re-check and what changed since the run before. The group view is the batch dashboard served live from
the store. Which sites may be checked is configured (checker/web/allow.py): a form that fetched any URL would
be an open proxy.
"""

"""A pack's reference as one standalone HTML page (inline CSS, no script), through the shared autoescaping
environment (checker/report/templating.py): a pack's texts are data, whoever wrote the pack."""

from __future__ import annotations

from pathlib import Path

from checker.report.templating import environment
from checker.rules.reference.model import PackRef

TEMPLATES = Path(__file__).parent / "templates"
# Nothing loads from elsewhere, nothing runs: only the inline style.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'"


def render_html(ref: PackRef) -> str:
    template = environment(TEMPLATES).get_template("reference.html.j2")
    return template.render(ref=ref, h=ref.headings, csp=CSP) + "\n"

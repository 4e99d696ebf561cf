"""Reports: figures computed by pure functions (figures.py), contents assembled for templates
(build.py), rendering to Markdown with sandboxed Jinja2 and to Word (render.py, docx.py)."""

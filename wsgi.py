"""The WSGI entry point: gunicorn serves `wsgi:app`."""
from signpost import create_app

app = create_app()

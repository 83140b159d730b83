"""The real app, plus one route that always fails, for the gunicorn logging test (P2)."""
from signpost import create_app

app = create_app()


@app.get("/<lang>/force-error/<marker>")
def force_error(marker):
    """Fail on purpose, with the marker in the exception message."""
    raise RuntimeError(f"forced failure {marker}")

"""WSGI entry point for gunicorn: `gunicorn -c infra/gunicorn.conf.py sleutelnet.wsgi:app`."""
from sleutelnet.platform.app import create_app

app = create_app()

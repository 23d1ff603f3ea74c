"""WSGI entry point for gunicorn: `gunicorn -c infra/gunicorn.conf.py sleutelnet.wsgi:app`."""
import gc

from sleutelnet.platform.app import create_app

app = create_app()

# Everything built at start-up lives as long as the worker: moved out of the garbage collector's generations,
# it is no longer scanned by every full collection (gc.freeze, Python 3.7+).
gc.collect()
gc.freeze()

"""The baseline for bench/compare.py: bare Flask answering "hello" (no database, no templates)."""
from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return "hello"

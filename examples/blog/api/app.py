"""The blog's API: a tiny Flask app served by gunicorn (see blog.svc)."""
import os

from flask import Flask, jsonify

app = Flask(__name__)


@app.get("/healthz")
def healthz():
    return "ok"


@app.get("/ready")
def ready():
    return "ready"


@app.get("/")
def index():
    return jsonify(db=os.environ.get("DB_HOST", ""), queue=os.environ.get("QUEUE_ADDR", ""))

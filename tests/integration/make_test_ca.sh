#!/bin/sh
# Makes a throwaway test CA and a server certificate for 127.0.0.1 / localhost in DIR.
# Usage: make_test_ca.sh DIR  ->  DIR/ca.pem, DIR/server.pem, DIR/server.key
# Generated at test time so that no key material is ever committed.
set -eu

dir=${1:?usage: make_test_ca.sh DIR}
mkdir -p "$dir"
cd "$dir"

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
  -keyout ca.key -out ca.pem -days 3 -subj "/CN=costgate integration test CA" \
  -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null

openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
  -keyout server.key -out server.csr -subj "/CN=localhost" 2>/dev/null

cat > server.ext <<'EOF'
basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=IP:127.0.0.1,DNS:localhost
EOF

openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial \
  -out server.pem -days 3 -extfile server.ext 2>/dev/null

rm -f server.csr server.ext ca.srl ca.key

# Sourced by the other scripts: PATH and certificates for a non-interactive shell.
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
if [ -f /etc/ssl/certs/ca-certificates.crt ]; then
  export NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
fi
export CHROMEDRIVER=/usr/bin/chromedriver

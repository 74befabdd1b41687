#!/bin/sh
# Chromium on Linux reads enterprise policy only from a fixed system folder (/etc/chromium; Google
# Chrome: /etc/opt/chrome). This runs it in a mount namespace of its own where $SIDECAR_POLICY_STANDIN
# stands in for that folder ($SIDECAR_POLICY_ROOT), so a test deploys its policy without root and
# without any other browser on the machine seeing it.
exec unshare --map-root-user --mount sh -c 'mount --bind "$SIDECAR_POLICY_STANDIN" "$SIDECAR_POLICY_ROOT" && exec "$SIDECAR_CHROMIUM" "$@"' chromium "$@"

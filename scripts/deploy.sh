#!/usr/bin/env bash
# `npm run deploy`: builds the cloud functions and deploys each with the CloudBase CLI (tcb), which needs
# `npm i -g @cloudbase/cli`, `tcb login` and the network. TCB_ENV_ID names the environment.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${TCB_ENV_ID:?set TCB_ENV_ID to the CloudBase environment id}"
command -v tcb >/dev/null || { echo "tcb not found: npm i -g @cloudbase/cli && tcb login"; exit 2; }
npm run build:functions
npm run cloudbase:setup
for fn in $(node -e 'for (const f of require("./cloudbaserc.json").functions) console.log(f.name)'); do
  tcb fn deploy "$fn" --force -e "$TCB_ENV_ID"
done

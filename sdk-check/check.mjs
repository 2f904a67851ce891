// End-to-end conformance check: drives a running Kassa server through the official Polar TypeScript SDK
// (@polar-sh/sdk 0.32.10). Every response is parsed by the SDK's own Zod schemas, so a step passes only if the SDK
// accepts what Kassa returned (plus a few sanity assertions on the values). The steps are in
// lib/zod-lifecycle.mjs, shared with check-0.49.mjs.
//
//   KASSA_URL=http://127.0.0.1:8000 KASSA_TOKEN=polar_oat_... node check.mjs
//
// Each step prints "ok <step>" or "FAIL <step>: <reason>"; the last line is "N passed, N failed" and the exit
// code is 1 if anything failed.

import { Polar } from "@polar-sh/sdk";
import { HTTPClient } from "@polar-sh/sdk/lib/http.js";
import { SDKValidationError } from "@polar-sh/sdk/models/errors/sdkvalidationerror.js";
import { SDKError } from "@polar-sh/sdk/models/errors/sdkerror.js";
import { ResourceNotFound } from "@polar-sh/sdk/models/errors/resourcenotfound.js";
import { HTTPValidationError } from "@polar-sh/sdk/models/errors/httpvalidationerror.js";
import { NotPermitted } from "@polar-sh/sdk/models/errors/notpermitted.js";
import { NotOpenCheckout } from "@polar-sh/sdk/models/errors/notopencheckout.js";
import { ExpiredCheckoutError } from "@polar-sh/sdk/models/errors/expiredcheckouterror.js";
import { PaymentError } from "@polar-sh/sdk/models/errors/paymenterror.js";
import { AlreadyActiveSubscriptionError } from "@polar-sh/sdk/models/errors/alreadyactivesubscriptionerror.js";
import { kassaEnv } from "./lib/harness.mjs";
import { runLifecycle } from "./lib/zod-lifecycle.mjs";

const sdk = {
  version: "0.32.10",
  Polar,
  HTTPClient,
  loadComponent: (file) => import(`@polar-sh/sdk/models/components/${file}.js`),
  errors: {
    SDKValidationError, SDKError, ResourceNotFound, HTTPValidationError, NotPermitted, NotOpenCheckout,
    ExpiredCheckoutError, PaymentError, AlreadyActiveSubscriptionError,
  },
};
process.exit(await runLifecycle(sdk, kassaEnv("check.mjs")));

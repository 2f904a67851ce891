// The conformance check with @polar-sh/sdk 0.49.0 (installed as the npm alias sdk-0-49), which validates every
// response with its Zod schemas at run time: the same steps as check.mjs (lib/zod-lifecycle.mjs), so every
// response must also carry what 0.49.0 requires (and a response it rejects throws ResponseValidationError).
//
//   KASSA_URL=http://127.0.0.1:8000 KASSA_TOKEN=polar_oat_... node check-0.49.mjs

import { Polar } from "sdk-0-49";
import { HTTPClient } from "sdk-0-49/lib/http.js";
import { SDKValidationError } from "sdk-0-49/models/errors/sdkvalidationerror.js";
import { ResponseValidationError } from "sdk-0-49/models/errors/responsevalidationerror.js";
import { SDKError } from "sdk-0-49/models/errors/sdkerror.js";
import { ResourceNotFound } from "sdk-0-49/models/errors/resourcenotfound.js";
import { HTTPValidationError } from "sdk-0-49/models/errors/httpvalidationerror.js";
import { NotPermitted } from "sdk-0-49/models/errors/notpermitted.js";
import { NotOpenCheckout } from "sdk-0-49/models/errors/notopencheckout.js";
import { ExpiredCheckoutError } from "sdk-0-49/models/errors/expiredcheckouterror.js";
import { PaymentError } from "sdk-0-49/models/errors/paymenterror.js";
import { AlreadyActiveSubscriptionError } from "sdk-0-49/models/errors/alreadyactivesubscriptionerror.js";
import { kassaEnv } from "./lib/harness.mjs";
import { runLifecycle } from "./lib/zod-lifecycle.mjs";

const sdk = {
  version: "0.49.0",
  Polar,
  HTTPClient,
  loadComponent: (file) => import(`sdk-0-49/models/components/${file}.js`),
  errors: {
    SDKValidationError, ResponseValidationError, SDKError, ResourceNotFound, HTTPValidationError, NotPermitted,
    NotOpenCheckout, ExpiredCheckoutError, PaymentError, AlreadyActiveSubscriptionError,
  },
};
process.exit(await runLifecycle(sdk, kassaEnv("check-0.49.mjs")));

/**
 * The migrations `rules new` starts a rule from, per language family and matcher kind (see
 * scaffold.ts). Each is a real case a team retires; its examples must pass `test-rules`.
 * Example paths end in ".EXT": the extension --language picks (ts, js, py, sql). The TS/JS code
 * has no type annotations, so the same example reads as JavaScript.
 */
export const SCAFFOLD_KINDS = ["import", "call", "member", "jsx-attribute", "string", "pattern", "table", "column"] as const;
export type ScaffoldKind = (typeof SCAFFOLD_KINDS)[number];

export interface Sample {
  languages: readonly string[];
  message: string;
  help: string;
  /** The `match:` list, YAML, not indented. */
  match: string;
  /** A `files` glob shown commented out. */
  files: string;
  /** An `ignore` glob written out (the rule's own exception), or only suggested in a comment. */
  ignore?: string;
  ignoreHint: string;
  invalid: { file: string; code: string; lines: readonly number[] };
  valid: { file: string; code: string };
  /** Per --language extension, the extension its example files use instead (JSX: tsx, jsx). */
  extensions?: Readonly<Record<string, string>>;
}

const TS: Readonly<Partial<Record<ScaffoldKind, Sample>>> = {
  import: {
    languages: ["typescript", "javascript"],
    message: "Don't import @/lib/legacy-auth: import the same helpers from @/lib/auth",
    help: `@/lib/legacy-auth is being retired: its sessions are not refreshed by the new auth service.
  import { getSession } from "@/lib/auth";
`,
    match: `- kind: import
  # Module specifiers as written: * is any run of characters but "/", ** any run at all.
  modules: ["@/lib/legacy-auth", "@/lib/legacy-auth/**"]
  # Or where a relative or aliased import lands, relative to the project root:
  # paths: ["src/lib/legacy-auth/**"]
  # Only some imported names ("default", "*", or the export's name):
  # names: [getSession]
`,
    files: "src/**",
    ignoreHint: "src/lib/legacy-auth/**",
    invalid: {
      file: "src/app/account/load-account.EXT",
      code: `import { getSession } from "@/lib/legacy-auth";

export async function loadAccount() {
  const session = await getSession();
  return session?.user ?? null;
}
`,
      lines: [1],
    },
    valid: {
      file: "src/app/account/load-account.EXT",
      code: `import { getSession } from "@/lib/auth";

export async function loadAccount() {
  const session = await getSession();
  return session?.user ?? null;
}
`,
    },
  },
  call: {
    languages: ["typescript", "javascript"],
    message: "stripe.charges.create is retired: create a PaymentIntent instead",
    help: `Charges do not support SCA. Create and confirm a PaymentIntent:
  await stripe.paymentIntents.create({ customer, amount, currency: "usd", confirm: true });
`,
    match: `- kind: call
  # Callee paths, through aliases and destructuring: * is one segment's characters, ** any segments.
  callees: ["stripe.charges.create"]
  # new: true                      # only \`new X()\` (false: only plain calls)
  # arguments:                     # constraints on argument values, as folded through constants
  #   - { index: 0, key: currency, values: ["usd"] }
`,
    files: "src/**",
    ignoreHint: "src/billing/legacy/**",
    invalid: {
      file: "src/billing/charge.EXT",
      code: `import Stripe from "stripe";

const stripe = new Stripe(STRIPE_SECRET_KEY);

export async function charge(customer, amount) {
  return stripe.charges.create({ customer, amount, currency: "usd" });
}
`,
      lines: [6],
    },
    valid: {
      file: "src/billing/charge.EXT",
      code: `import Stripe from "stripe";

const stripe = new Stripe(STRIPE_SECRET_KEY);

export async function charge(customer, amount) {
  return stripe.paymentIntents.create({ customer, amount, currency: "usd", confirm: true });
}
`,
    },
  },
  member: {
    languages: ["typescript", "javascript"],
    message: "Read configuration from @/config, not process.env",
    help: `Environment variables are read and validated once, in src/config:
  import { config } from "@/config";
  config.billingApiKey
`,
    match: `- kind: member
  # Property paths (a prefix of the chain counts), destructuring included: * is one segment.
  paths: ["process.env.*"]
`,
    files: "src/**",
    ignore: "src/config/**",
    ignoreHint: "",
    invalid: {
      file: "src/features/billing/client.EXT",
      code: `export function billingClient() {
  return new BillingClient({ apiKey: process.env.BILLING_API_KEY });
}
`,
      lines: [2],
    },
    valid: {
      file: "src/features/billing/client.EXT",
      code: `import { config } from "@/config";

export function billingClient() {
  return new BillingClient({ apiKey: config.billingApiKey });
}
`,
    },
  },
  "jsx-attribute": {
    languages: ["typescript", "javascript"],
    message: "dangerouslySetInnerHTML needs sanitized HTML: pass it through DOMPurify.sanitize()",
    help: `Unsanitized HTML is an XSS hole. Sanitize it where it is rendered:
  import DOMPurify from "dompurify";
  <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(html) }} />
`,
    match: `- kind: jsx-attribute
  names: [dangerouslySetInnerHTML]
  # Allowed when the value comes from a call to one of these.
  unlessFrom: [sanitize, DOMPurify.sanitize]
  # elements: [div, span]          # only on these elements
`,
    files: "src/**",
    ignoreHint: "src/components/trusted/**",
    extensions: { ts: "tsx", js: "jsx" },
    invalid: {
      file: "src/components/CommentBody.EXT",
      code: `export function CommentBody({ html }) {
  return <div className="comment" dangerouslySetInnerHTML={{ __html: html }} />;
}
`,
      lines: [2],
    },
    valid: {
      file: "src/components/CommentBody.EXT",
      code: `import DOMPurify from "dompurify";

export function CommentBody({ html }) {
  return <div className="comment" dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(html) }} />;
}
`,
    },
  },
  string: {
    languages: ["typescript", "javascript"],
    message: "Plain http:// in a network call: use https://",
    help: `Outbound calls must be encrypted. Use the https:// URL of the service:
  const WEATHER_API = "https://api.weather.example.com/v1";
`,
    match: `- kind: string
  # url: the URL of an HTTP call (fetch, axios, ky, got...), folded through constants and templates;
  # sql: text read as SQL; any (default): every string.
  role: url
  # * is any run of characters but "/", ** any run at all; or a regular expression "/^http:/i".
  values: ["http://**"]
`,
    files: "src/**",
    ignoreHint: "src/dev-server/**",
    invalid: {
      file: "src/services/weather.EXT",
      code: `const WEATHER_API = "http://api.weather.example.com/v1";

export async function forecast(city) {
  const res = await fetch(\`\${WEATHER_API}/forecast?city=\${encodeURIComponent(city)}\`);
  return res.json();
}
`,
      lines: [4],
    },
    valid: {
      file: "src/services/weather.EXT",
      code: `const WEATHER_API = "https://api.weather.example.com/v1";

export async function forecast(city) {
  const res = await fetch(\`\${WEATHER_API}/forecast?city=\${encodeURIComponent(city)}\`);
  return res.json();
}
`,
    },
  },
  pattern: {
    languages: ["typescript", "javascript"],
    message: "Use structuredClone(value), not JSON.parse(JSON.stringify(value))",
    help: `A JSON round trip drops Dates, Maps and undefined. structuredClone keeps them:
  const copy = structuredClone(state);
`,
    match: `- kind: pattern
  # Code with metavariables: $NAME matches one expression, $$$ any number of arguments.
  pattern: JSON.parse(JSON.stringify($VALUE))
  # Constraints on what a metavariable folds to:
  # where: { VALUE: { not: { paths: ["config.*"] } } }
`,
    files: "src/**",
    ignoreHint: "src/legacy/**",
    invalid: {
      file: "src/editor/history.EXT",
      code: `export function snapshot(state) {
  return JSON.parse(JSON.stringify(state));
}
`,
      lines: [2],
    },
    valid: {
      file: "src/editor/history.EXT",
      code: `export function snapshot(state) {
  return structuredClone(state);
}
`,
    },
  },
  table: {
    languages: ["typescript", "javascript"],
    message: "The legacy_user_settings table is retired: use the settings API",
    help: `User settings moved to the settings service. Read and write them through its client:
  import { getUserSettings } from "@/lib/settings-api";
  const settings = await getUserSettings(userId);
`,
    match: `- kind: table
  # Table names: * is one or more identifier characters.
  tables: [legacy_user_settings]
  access: any                      # any, read, write or schema (DDL)
`,
    files: "src/**",
    ignoreHint: "supabase/migrations/**",
    invalid: {
      file: "src/features/settings/load-settings.EXT",
      code: `import { createClient } from "@/lib/supabase/server";

export async function loadSettings(userId) {
  const supabase = await createClient();
  return supabase.from("legacy_user_settings").select("*").eq("user_id", userId);
}
`,
      lines: [5],
    },
    valid: {
      file: "src/features/settings/load-settings.EXT",
      code: `import { getUserSettings } from "@/lib/settings-api";

export async function loadSettings(userId) {
  return getUserSettings(userId);
}
`,
    },
  },
  column: {
    languages: ["typescript", "javascript"],
    message: "organizations.stripe_customer_id is retired: ask the billing service for the customer",
    help: `Billing ids live in the billing service now:
  import { billing } from "@/lib/billing";
  const customer = await billing.customerOf(orgId);
`,
    match: `- kind: column
  # Column names: * is one or more identifier characters.
  columns: [stripe_customer_id]
  access: any                      # any, read, write or schema (DDL)
`,
    files: "src/**",
    ignoreHint: "supabase/migrations/**",
    invalid: {
      file: "src/features/billing/customer.EXT",
      code: `export async function customerOf(supabase, orgId) {
  const { data } = await supabase.from("organizations").select("id, stripe_customer_id").eq("id", orgId).single();
  return data;
}
`,
      lines: [2],
    },
    valid: {
      file: "src/features/billing/customer.EXT",
      code: `import { billing } from "@/lib/billing";

export async function customerOf(orgId) {
  return billing.customerOf(orgId);
}
`,
    },
  },
};

const PY: Readonly<Partial<Record<ScaffoldKind, Sample>>> = {
  import: {
    languages: ["python"],
    message: "Don't import legacy_auth: import the same helpers from app.auth",
    help: `legacy_auth is being retired: its sessions are not refreshed by the new auth service.
  from app.auth import get_session
`,
    match: `- kind: import
  # Module names as written: * is any run of characters but "/", ** any run at all.
  modules: ["legacy_auth", "legacy_auth.*"]
  # Only some imported names:
  # names: [get_session]
`,
    files: "app/**",
    ignoreHint: "app/legacy_auth/**",
    invalid: {
      file: "app/accounts/views.EXT",
      code: `from legacy_auth import get_session


def load_account(request):
    session = get_session(request)
    return session.user if session else None
`,
      lines: [1],
    },
    valid: {
      file: "app/accounts/views.EXT",
      code: `from app.auth import get_session


def load_account(request):
    session = get_session(request)
    return session.user if session else None
`,
    },
  },
  call: {
    languages: ["python"],
    message: "stripe.Charge.create is retired: create a PaymentIntent instead",
    help: `Charges do not support SCA. Create and confirm a PaymentIntent:
  stripe.PaymentIntent.create(customer=customer_id, amount=amount, currency="usd", confirm=True)
`,
    match: `- kind: call
  # Callee paths, through import aliases: * is one segment's characters, ** any segments.
  callees: ["stripe.Charge.create"]
  # arguments:                     # constraints on argument values, as folded through constants
  #   - { keyword: currency, values: ["usd"] }
`,
    files: "app/**",
    ignoreHint: "app/billing/legacy/**",
    invalid: {
      file: "app/billing/charge.EXT",
      code: `import stripe


def charge(customer_id, amount):
    return stripe.Charge.create(customer=customer_id, amount=amount, currency="usd")
`,
      lines: [5],
    },
    valid: {
      file: "app/billing/charge.EXT",
      code: `import stripe


def charge(customer_id, amount):
    return stripe.PaymentIntent.create(customer=customer_id, amount=amount, currency="usd", confirm=True)
`,
    },
  },
  member: {
    languages: ["python"],
    message: "Read configuration from app.config.settings, not os.environ",
    help: `Environment variables are read and validated once, in app/config.py:
  from app.config import settings
  settings.billing_api_key
`,
    match: `- kind: member
  # Attribute and subscript paths (os.environ["X"] is os.environ.X; a prefix of the chain counts).
  paths: ["os.environ.*"]
  # os.getenv(...) is a call: add a matcher { kind: call, callees: ["os.getenv"] }.
`,
    files: "app/**",
    ignore: "app/config.py",
    ignoreHint: "",
    invalid: {
      file: "app/billing/client.EXT",
      code: `import os


def billing_client():
    return BillingClient(api_key=os.environ["BILLING_API_KEY"])
`,
      lines: [5],
    },
    valid: {
      file: "app/billing/client.EXT",
      code: `from app.config import settings


def billing_client():
    return BillingClient(api_key=settings.billing_api_key)
`,
    },
  },
  string: {
    languages: ["python"],
    message: "Plain http:// in a network call: use https://",
    help: `Outbound calls must be encrypted. Use the https:// URL of the service:
  WEATHER_API = "https://api.weather.example.com/v1"
`,
    match: `- kind: string
  # url: the URL of an HTTP call (requests, httpx, urllib, aiohttp...), folded through constants
  # and f-strings; sql: text read as SQL; any (default): every string.
  role: url
  # * is any run of characters but "/", ** any run at all; or a regular expression "/^http:/i".
  values: ["http://**"]
`,
    files: "app/**",
    ignoreHint: "app/dev_server/**",
    invalid: {
      file: "app/services/weather.EXT",
      code: `import requests

WEATHER_API = "http://api.weather.example.com/v1"


def forecast(city):
    return requests.get(f"{WEATHER_API}/forecast", params={"city": city}).json()
`,
      lines: [7],
    },
    valid: {
      file: "app/services/weather.EXT",
      code: `import requests

WEATHER_API = "https://api.weather.example.com/v1"


def forecast(city):
    return requests.get(f"{WEATHER_API}/forecast", params={"city": city}).json()
`,
    },
  },
  pattern: {
    languages: ["python"],
    message: "Use copy.deepcopy(value), not json.loads(json.dumps(value))",
    help: `A JSON round trip turns tuples into lists and fails on datetimes. Copy the value:
  import copy
  snapshot = copy.deepcopy(state)
`,
    match: `- kind: pattern
  # Code with metavariables: $NAME matches one expression, $$$ any number of arguments.
  pattern: json.loads(json.dumps($VALUE))
  # Constraints on what a metavariable folds to:
  # where: { VALUE: { not: { paths: ["settings.*"] } } }
`,
    files: "app/**",
    ignoreHint: "app/legacy/**",
    invalid: {
      file: "app/editor/history.EXT",
      code: `import json


def snapshot(state):
    return json.loads(json.dumps(state))
`,
      lines: [5],
    },
    valid: {
      file: "app/editor/history.EXT",
      code: `import copy


def snapshot(state):
    return copy.deepcopy(state)
`,
    },
  },
  table: {
    languages: ["python"],
    message: "The legacy_user_settings table is retired: use the settings API",
    help: `User settings moved to the settings service. Read and write them through its client:
  from app.settings_api import get_user_settings
  settings = get_user_settings(user_id)
`,
    match: `- kind: table
  # Table names: * is one or more identifier characters.
  tables: [legacy_user_settings]
  access: any                      # any, read, write or schema (DDL)
`,
    files: "app/**",
    ignoreHint: "migrations/**",
    invalid: {
      file: "app/settings/load.EXT",
      code: `def load_settings(supabase, user_id):
    return supabase.table("legacy_user_settings").select("*").eq("user_id", user_id).execute()
`,
      lines: [2],
    },
    valid: {
      file: "app/settings/load.EXT",
      code: `from app.settings_api import get_user_settings


def load_settings(user_id):
    return get_user_settings(user_id)
`,
    },
  },
  column: {
    languages: ["python"],
    message: "organizations.stripe_customer_id is retired: ask the billing service for the customer",
    help: `Billing ids live in the billing service now:
  from app.billing import billing
  billing.set_customer(org_id, customer_id)
`,
    match: `- kind: column
  # Column names: * is one or more identifier characters.
  columns: [stripe_customer_id]
  access: any                      # any, read, write or schema (DDL)
`,
    files: "app/**",
    ignoreHint: "migrations/**",
    invalid: {
      file: "app/billing/customers.EXT",
      code: `def save_customer(supabase, org_id, customer_id):
    supabase.table("organizations").update({"stripe_customer_id": customer_id}).eq("id", org_id).execute()
`,
      lines: [2],
    },
    valid: {
      file: "app/billing/customers.EXT",
      code: `from app.billing import billing


def save_customer(org_id, customer_id):
    billing.set_customer(org_id, customer_id)
`,
    },
  },
};

const SQL: Readonly<Partial<Record<ScaffoldKind, Sample>>> = {
  table: {
    languages: ["sql"],
    message: "The legacy_user_settings table is retired: use the settings API",
    help: `User settings moved to the settings service; new migrations must not touch the old table.
Move data with the settings service's import job instead.
`,
    match: `- kind: table
  # Table names: * is one or more identifier characters.
  tables: [legacy_user_settings]
  access: any                      # any, read, write or schema (DDL)
`,
    files: "supabase/migrations/**",
    ignoreHint: "supabase/migrations/2025*",
    invalid: {
      file: "supabase/migrations/20260101000000_backfill_theme.EXT",
      code: `UPDATE legacy_user_settings SET theme = 'dark' WHERE theme IS NULL;
`,
      lines: [1],
    },
    valid: {
      file: "supabase/migrations/20260101000000_backfill_theme.EXT",
      code: `UPDATE user_preferences SET theme = 'dark' WHERE theme IS NULL;
`,
    },
  },
  column: {
    languages: ["sql"],
    message: "organizations.stripe_customer_id is retired: the billing service owns customer ids",
    help: `Billing ids live in the billing service now; new migrations must not read or write the column.
`,
    match: `- kind: column
  # Column names: * is one or more identifier characters.
  columns: [stripe_customer_id]
  access: any                      # any, read, write or schema (DDL)
`,
    files: "supabase/migrations/**",
    ignoreHint: "supabase/migrations/2025*",
    invalid: {
      file: "supabase/migrations/20260101000000_billing_view.EXT",
      code: `CREATE VIEW billing_orgs AS SELECT id, stripe_customer_id FROM organizations;
`,
      lines: [1],
    },
    valid: {
      file: "supabase/migrations/20260101000000_billing_view.EXT",
      code: `CREATE VIEW billing_orgs AS SELECT id, name FROM organizations;
`,
    },
  },
};

export const LANGUAGE_SAMPLES: Readonly<Record<"typescript" | "python" | "sql", Readonly<Partial<Record<ScaffoldKind, Sample>>>>> = {
  typescript: TS,
  python: PY,
  sql: SQL,
};

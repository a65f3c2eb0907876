// Fails when src/openapi.ts, the types the client is written against, differs from what the live Tasklane's OpenAPI
// document (at TASKLANE_URL) generates: run `npm run generate` against it and review the change.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const base = (process.env.TASKLANE_URL ?? "http://localhost:8080").replace(/\/+$/, "");
const dir = mkdtempSync(join(tmpdir(), "tasklane-spec-"));
try {
  const generated = join(dir, "openapi.ts");
  execFileSync(join("node_modules", ".bin", "openapi-typescript"), [`${base}/openapi.yml`, "--output", generated],
    { stdio: "ignore" });
  if (readFileSync(generated, "utf8") !== readFileSync(join("src", "openapi.ts"), "utf8")) {
    console.error("src/openapi.ts does not match the API's document: run `npm run generate` and review the change");
    process.exit(1);
  }
  console.log("src/openapi.ts matches the API's document");
} finally {
  rmSync(dir, { recursive: true, force: true });
}

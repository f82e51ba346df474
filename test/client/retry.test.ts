// The retry policy's decisions and its reading of the server's requested wait.
import { describe, expect, it } from "vitest";
import { backoffMs, isRetryable, serverRequestedWaitMs, waitBeforeRetry } from "../../src/client/retry.js";

const NOW = Date.parse("2026-01-01T00:00:00Z");

describe("serverRequestedWaitMs", () => {
  it("reads Retry-After as seconds or as an HTTP date, and Retry-After-Ms first", () => {
    expect(serverRequestedWaitMs(new Headers({ "retry-after": "3" }), undefined, NOW)).toBe(3000);
    expect(serverRequestedWaitMs(new Headers({ "retry-after": new Date(NOW + 5000).toUTCString() }), undefined, NOW)).toBe(5000);
    expect(serverRequestedWaitMs(new Headers({ "retry-after-ms": "250", "retry-after": "3" }), undefined, NOW)).toBe(250);
  });

  it("reads production's body retry_after as a Unix timestamp, and a small value as seconds", () => {
    const epoch = { detail: { error: "Rate limit exceeded", retry_after: NOW / 1000 + 7 } };
    expect(serverRequestedWaitMs(new Headers(), epoch, NOW)).toBe(7000);
    expect(serverRequestedWaitMs(new Headers(), { detail: { retry_after: 2 } }, NOW)).toBe(2000);
    // Not in the future (production sends int(now)): unknown, not "no wait".
    expect(serverRequestedWaitMs(new Headers(), { detail: { retry_after: NOW / 1000 - 60 } }, NOW)).toBeNull();
    expect(serverRequestedWaitMs(new Headers(), { detail: { retry_after: Math.floor(NOW / 1000) } }, NOW)).toBeNull();
    expect(serverRequestedWaitMs(new Headers(), { detail: { retry_after: 0 } }, NOW)).toBeNull();
    expect(serverRequestedWaitMs(new Headers(), { detail: "Integration limit reached" }, NOW)).toBeNull();
    expect(serverRequestedWaitMs(new Headers({ "retry-after": "soon" }), undefined, NOW)).toBeNull();
  });

  it("recognises an epoch in Retry-After (production's global limit), future or not", () => {
    expect(serverRequestedWaitMs(new Headers({ "retry-after": String(NOW / 1000 + 30) }), undefined, NOW)).toBe(30_000);
    expect(serverRequestedWaitMs(new Headers({ "retry-after": String(NOW / 1000) }), undefined, NOW)).toBeNull();
    expect(serverRequestedWaitMs(new Headers({ "retry-after": new Date(NOW - 5000).toUTCString() }), undefined, NOW)).toBeNull();
  });
});

describe("waitBeforeRetry", () => {
  const rateLimited = { kind: "status", status: 429, planLimit: false } as const;
  it("never waits less than 1 s on a 429, and an unknown wait is the 60 s window plus up to 20 %", () => {
    expect(waitBeforeRetry(rateLimited, null, 0, () => 0)).toEqual({ waitMs: 60_000, known: false });
    expect(waitBeforeRetry(rateLimited, null, 0, () => 0.999).waitMs).toBeLessThan(72_000);
    expect(waitBeforeRetry(rateLimited, 200, 0, () => 0)).toEqual({ waitMs: 60_000, known: false });
    expect(waitBeforeRetry(rateLimited, 5_000, 0, () => 0)).toEqual({ waitMs: 5_000, known: true });
  });

  it("backs off on other failures unless the server named a wait", () => {
    expect(waitBeforeRetry({ kind: "timeout" }, null, 1, () => 0)).toEqual({ waitMs: 1000, known: false });
    expect(waitBeforeRetry({ kind: "status", status: 503, planLimit: false }, 3000, 0, () => 0)).toEqual({ waitMs: 3000, known: true });
  });
});

describe("isRetryable", () => {
  it("retries reads and validates on connection errors, timeouts, 408, 429 and 5xx only", () => {
    for (const operation of ["list", "get", "validate"] as const) {
      expect(isRetryable(operation, { kind: "connection", beforeSend: false })).toBe(true);
      expect(isRetryable(operation, { kind: "timeout" })).toBe(true);
      for (const status of [408, 429, 500, 502, 503, 504]) {
        expect(isRetryable(operation, { kind: "status", status, planLimit: false })).toBe(true);
      }
      for (const status of [400, 401, 403, 404, 409, 422]) {
        expect(isRetryable(operation, { kind: "status", status, planLimit: false })).toBe(false);
      }
      expect(isRetryable(operation, { kind: "status", status: 429, planLimit: true })).toBe(false);
    }
  });

  it("retries setup, update and delete only when they cannot have been processed", () => {
    for (const operation of ["setup", "update", "delete"] as const) {
      expect(isRetryable(operation, { kind: "connection", beforeSend: true })).toBe(true);
      expect(isRetryable(operation, { kind: "connection", beforeSend: false })).toBe(false);
      expect(isRetryable(operation, { kind: "timeout" })).toBe(false);
      expect(isRetryable(operation, { kind: "status", status: 408, planLimit: false })).toBe(true);
      expect(isRetryable(operation, { kind: "status", status: 429, planLimit: false })).toBe(true);
      expect(isRetryable(operation, { kind: "status", status: 503, planLimit: false })).toBe(false);
    }
  });
});

describe("backoffMs", () => {
  it("doubles from 0.5 s up to 8 s and jitters down by at most 25 %", () => {
    expect([0, 1, 2, 3, 4, 5].map((n) => backoffMs(n, () => 0))).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
    expect(backoffMs(0, () => 0.999)).toBeGreaterThan(375);
  });
});

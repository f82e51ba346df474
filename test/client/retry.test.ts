// The retry policy's decisions and its reading of the server's requested wait.
import { describe, expect, it } from "vitest";
import { backoffMs, isRetryable, serverRequestedWaitMs } from "../../src/client/retry.js";

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
    expect(serverRequestedWaitMs(new Headers(), { detail: { retry_after: NOW / 1000 - 60 } }, NOW)).toBe(0);
    expect(serverRequestedWaitMs(new Headers(), { detail: "Integration limit reached" }, NOW)).toBeNull();
    expect(serverRequestedWaitMs(new Headers({ "retry-after": "soon" }), undefined, NOW)).toBeNull();
  });
});

describe("isRetryable", () => {
  it("retries idempotent calls on connection errors, timeouts, 408, 429 and 5xx only", () => {
    expect(isRetryable("idempotent", { kind: "connection", beforeSend: false })).toBe(true);
    expect(isRetryable("idempotent", { kind: "timeout" })).toBe(true);
    for (const status of [408, 429, 500, 502, 503, 504]) {
      expect(isRetryable("idempotent", { kind: "status", status, planLimit: false })).toBe(true);
    }
    for (const status of [400, 401, 403, 404, 409, 422]) {
      expect(isRetryable("idempotent", { kind: "status", status, planLimit: false })).toBe(false);
    }
    expect(isRetryable("idempotent", { kind: "status", status: 429, planLimit: true })).toBe(false);
  });

  it("retries a setup only when it cannot have been processed", () => {
    expect(isRetryable("setup", { kind: "connection", beforeSend: true })).toBe(true);
    expect(isRetryable("setup", { kind: "connection", beforeSend: false })).toBe(false);
    expect(isRetryable("setup", { kind: "timeout" })).toBe(false);
    expect(isRetryable("setup", { kind: "status", status: 408, planLimit: false })).toBe(true);
    expect(isRetryable("setup", { kind: "status", status: 429, planLimit: false })).toBe(true);
    expect(isRetryable("setup", { kind: "status", status: 503, planLimit: false })).toBe(false);
  });
});

describe("backoffMs", () => {
  it("doubles from 0.5 s up to 8 s and jitters down by at most 25 %", () => {
    expect([0, 1, 2, 3, 4, 5].map((n) => backoffMs(n, () => 0))).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
    expect(backoffMs(0, () => 0.999)).toBeGreaterThan(375);
  });
});

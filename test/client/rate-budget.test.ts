// The production limiter's model (src/api/rate-limits.ts) as the client's budget uses it, on a
// clock the test moves; and the service's metadata size (Python's json.dumps).
import { describe, expect, it } from "vitest";
import { pythonJsonBytes } from "../../src/api/limits.js";
import { PRODUCTION_RATE_LIMITS, SlidingWindow } from "../../src/api/rate-limits.js";
import { RateBudget } from "../../src/client/rate-budget.js";

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("the production limiter's window", () => {
  it("counts every request in one window, checked against the operation's limit", () => {
    const time = clock();
    const window = new SlidingWindow(PRODUCTION_RATE_LIMITS, time.now);
    for (let i = 0; i < 10; i++) expect(window.take("acme", 100)).toBe(true);
    // Ten reads in the window: a write (limit 10) no longer fits, a validate (30) still does.
    expect(window.take("acme", 10)).toBe(false);
    expect(window.take("acme", 30)).toBe(true);
    expect(window.take("other", 10)).toBe(true);
    time.advance(60_001);
    expect(window.take("acme", 10)).toBe(true);
  });

  it("says when the oldest request leaves the window", () => {
    const time = clock();
    const window = new SlidingWindow(PRODUCTION_RATE_LIMITS, time.now);
    window.record("acme");
    time.advance(10_000);
    for (let i = 0; i < 9; i++) window.record("acme");
    expect(window.waitMs("acme", 10)).toBe(50_001);
  });

  it("stops at 1000 an hour", () => {
    const time = clock();
    const window = new SlidingWindow(PRODUCTION_RATE_LIMITS, time.now);
    for (let minute = 0; minute < 10; minute++) {
      for (let i = 0; i < 100; i++) expect(window.take("acme", 100)).toBe(true);
      time.advance(60_001);
    }
    expect(window.take("acme", 100)).toBe(false);
  });
});

describe("RateBudget", () => {
  it("counts a single-provider GET twice and waits out a server 429", () => {
    const time = clock();
    const budget = new RateBudget(PRODUCTION_RATE_LIMITS, time.now);
    for (let i = 0; i < 49; i++) budget.spend("api|acme", "get");
    expect(budget.waitMs("api|acme", "get")).toBe(0); // 98 counted: both checks pass (98, 99 < 100)
    budget.spend("api|acme", "list");
    expect(budget.waitMs("api|acme", "list")).toBe(0); // 99 < 100
    expect(budget.waitMs("api|acme", "get")).toBeGreaterThan(0); // its second check would see 100
    expect(budget.waitMs("api|acme", "setup")).toBeGreaterThan(0);
    budget.block("api|other", 5_000);
    expect(budget.waitMs("api|other", "list")).toBe(5_000);
  });
});

describe("pythonJsonBytes", () => {
  it("measures what json.dumps writes: spaced separators, non-ASCII escaped", () => {
    expect(pythonJsonBytes({ a: 1, b: [true, null] })).toBe('{"a": 1, "b": [true, null]}'.length);
    expect(pythonJsonBytes({ note: "é\n\"" })).toBe('{"note": "\\u00e9\\n\\""}'.length);
    expect(pythonJsonBytes({})).toBe(2);
  });
});
